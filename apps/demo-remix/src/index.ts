// Public entry of the demo package: start it in-process (the e2e test does).
export { startDemo } from './start-demo.js';
export { DEMO_DEFAULTS, readEnv, type DemoOptions, type EmbeddedMockOptions, type RunningDemo, type SupabaseTarget } from '@lockstep/demo-kit';
export { DEMO_ROUTES } from './demo-routes.js';
