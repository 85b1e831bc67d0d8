// Public entry of the demo package: start it in-process (the e2e test does).
export { startDemo, type RunningDemo } from './start-demo.js';
export { readEnv } from './read-env.js';
export { DEMO_DEFAULTS, type DemoOptions, type EmbeddedMockOptions, type SupabaseTarget } from './demo-options.js';
export { DEMO_ROUTES } from './create-instance.js';
