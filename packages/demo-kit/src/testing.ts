// Entry @lockstep/demo-kit/testing: the demos' end-to-end test helpers (Chromium through playwright-core); re-exports only.
export { CHROMIUM_PATH, launchChromium } from './chromium.js';
export { E2E_TOKEN_LIFETIME, PARALLEL, PAST_REFRESH_POINT, openDemoInChromium, type DemoInChromium, type MeResult } from './demo-in-chromium.js';
