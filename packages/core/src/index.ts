// Public entry of @lockstep/core: re-exports only.
export { LockstepError, type LockstepErrorCode } from './errors.js';
