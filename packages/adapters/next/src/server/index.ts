// Public entry of @lockstep/next/server (Server Components, Route Handlers, Server Actions): re-exports only.
export { createServerAuth, AuthUnavailableError, type ActionGuard, type GuardOptions, type HandlerGuard, type RequireUserOptions, type ServerAuth } from './server-auth.js';
export type { Authenticated } from '@lockstep/core/adapter';
