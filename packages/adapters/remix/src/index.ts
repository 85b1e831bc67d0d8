// Public entry of @lockstep/remix (React Router ≥ 7.9 < 9, framework mode): re-exports only. Remix v2: `@lockstep/remix/v2`.
export { lockstepMiddleware } from './middleware.js';
export { getAuth, lockstepContext } from './context.js';
export type { AuthView, RequiredUser } from '@lockstep/core/adapter';
export { requireUser, type GuardArgs } from './guard.js';
export { exchangeCode, signInWithPassword, signOut, supabaseFor, type HelperArgs } from './auth-helpers.js';
