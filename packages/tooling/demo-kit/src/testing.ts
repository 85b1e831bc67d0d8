// Entry @lockstep/demo-kit/testing: the demos' end-to-end test helpers (Chromium through playwright-core, vitest hooks and assertions); re-exports only.
export { CHROMIUM_PATH, launchChromium } from './chromium.js';
export { E2E_TOKEN_LIFETIME, PARALLEL, PAST_REFRESH_POINT, openDemoInChromium, type DemoInChromium, type MeResult } from './demo-in-chromium.js';
export { expectRevocationNote, expectScreenshot, expectSignedInBurst, expectSignedOut, expectTestKitSession, signInThroughForm } from './e2e-steps.js';
export { useDemoInChromium } from './use-demo-in-chromium.js';
export { sendRawHttp, type RawAnswer } from './raw-http.js';
export { expectRequestTargetsHandled, REFUSED_TARGETS, sameOriginLocation } from './request-target-checks.js';
export { openBrowserContext, signInAs, type DemoPages } from './assurance-steps.js';
export { assuranceTests } from './assurance-tests.js';
