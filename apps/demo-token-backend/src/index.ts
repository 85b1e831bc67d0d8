// Public entry of the demo: re-exports only.
export { createTokenBackendApp, AFTER_SIGN_IN_PATH, OWN_REDIRECT_TARGET, ROUTES, STREAM_CHUNKS, type Probe, type TokenBackendApp, type TokenBackendAppOptions } from './app.js';
export { appPage } from './app-page.js';
