// Public entry of @lockstep/hono: re-exports only.
export { lockstep } from './middleware.js';
export { requireUser } from './guard.js';
export { exchangeCode, signInWithPassword, signOut, supabaseFor } from './auth-helpers.js';
export type { LockstepEnv, LockstepVariables } from './variables.js';
