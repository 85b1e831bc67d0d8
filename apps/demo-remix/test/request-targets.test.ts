// RFC 9112 request-target forms over raw HTTP (issue #19): never a 500, never an off-origin redirect.
import type { RunningDemo } from '@lockstep/demo-kit';
import { expectRequestTargetsHandled } from '@lockstep/demo-kit/testing';
import { afterAll, beforeAll, it } from 'vitest';
import { startDemo } from '../src/index.js';

let demo: RunningDemo;
beforeAll(async () => {
  demo = await startDemo({ port: 0 });
});
afterAll(() => demo.close());

it('serves origin and absolute forms on its own origin and refuses the others with 400', async () => {
  await expectRequestTargetsHandled(demo.url);
});
