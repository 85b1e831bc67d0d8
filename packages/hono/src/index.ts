// Public entry of @lockstep/hono: re-exports only.
export { lockstep } from './middleware.js';
export { requireUser } from './guard.js';
export type { LockstepEnv, LockstepVariables } from './variables.js';
