// Public entry of @lockstep/remix/v2 (Remix v2 `@remix-run/*` 2.17, or React Router without middleware): re-exports only.
export { createRemixLockstep, type DataArgs, type LoaderSession, type RemixLockstep } from './remix-lockstep.js';
export { lockstepHeaders, type HeadersArgs } from './headers.js';
export { AUTH_RESPONSE_HEADERS, type AuthView, type RequiredUser } from '@lockstep/core/adapter';
export type { Merged } from '../response-headers.js';
