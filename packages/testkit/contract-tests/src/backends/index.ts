// The backends every adapter's contract suite runs against, in the order they run.
import type { ContractBackend } from './contract-backend.js';
import { gotrueBackend } from './gotrue-backend.js';
import { tokenBackend } from './token-backend.js';

/** The names of the contract backends (the `× <name>` of a suite). */
export const CONTRACT_BACKEND_NAMES = ['supabase', 'token-backend'] as const;
export type ContractBackendName = (typeof CONTRACT_BACKEND_NAMES)[number];

/** A fresh, unstarted instance of each backend. */
export function contractBackends(): Record<ContractBackendName, ContractBackend> {
  return { supabase: gotrueBackend(), 'token-backend': tokenBackend() };
}
