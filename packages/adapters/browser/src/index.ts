// Public entry of @lockstep/browser: re-exports only.
export { createAuthFetch, type AuthFetchOptions, type RefreshOutcome } from './auth-fetch.js';
