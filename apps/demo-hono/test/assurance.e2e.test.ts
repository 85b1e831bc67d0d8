// End-to-end, in Chromium: route requirements (roles, aal2 with MFA enrolment and step-up), an API called
// with a Bearer token, and "sign out everywhere" reaching a second browser within a second.
import { assuranceTests, useDemoInChromium, type DemoPages } from '@lockstep/demo-kit/testing';
import { describe } from 'vitest';
import { startDemo } from '../src/index.js';

const e2e = useDemoInChromium('demo-hono-assurance', startDemo);
const pages: DemoPages = { loginForm: 'form[action="/login"]' };

describe('demo-hono assurance pages in Chromium', () => {
  assuranceTests(e2e, pages);
});
