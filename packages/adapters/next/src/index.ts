// Public entry of @lockstep/next (the proxy / middleware side, Edge-safe): re-exports only.
export { lockstepProxy, type LockstepProxy } from './proxy.js';
export type { LockstepSource } from './instance.js';
