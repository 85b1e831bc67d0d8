// The demo as a library, for the tests: start it, get its URL, the mock and the demo user.
export { startDemo, type RunningDemo } from './start-demo.js';
export { ensureBuilt } from './build-app.js';
export { DEMO_DEFAULTS, type DemoOptions, type EmbeddedMockOptions, type SupabaseTarget } from './demo-options.js';
