// The runtime's own synchronous SHA-256, when it has one: the default hash effect on Node, Bun and Deno.
import type { Sha256 } from './token-hash.js';

type BuiltinLookup = (id: string) => unknown;

/** `process.getBuiltinModule` (Node 22.3+, Bun, Deno): reaches `node:crypto` without importing it, so Edge bundles never see a `node:` import. */
function runtimeLookup(): BuiltinLookup | null {
  const lookup = (globalThis as { process?: { getBuiltinModule?: unknown } }).process?.getBuiltinModule;
  return typeof lookup === 'function' ? (lookup as BuiltinLookup) : null;
}

/**
 * `node:crypto`'s `createHash('sha256')` as a `Sha256`, or `undefined` where the runtime has none
 * (Edge, Workers without Node compatibility, browsers): the caller then keeps the built-in pure-JS
 * hash. Several times faster on multi-kilobyte sessions. The caller self-tests it before use.
 *
 * @example
 * const sha256 = effects.sha256 ?? nativeSha256();
 */
export function nativeSha256(lookup: BuiltinLookup | null = runtimeLookup()): Sha256 | undefined {
  if (lookup === null) return undefined;
  try {
    const crypto = lookup('node:crypto') as { createHash?: unknown } | undefined;
    const createHash = crypto?.createHash;
    if (typeof createHash !== 'function') return undefined;
    const hasher = createHash as (algorithm: string) => { update(bytes: Uint8Array): { digest(): Uint8Array } };
    return (bytes) => hasher('sha256').update(bytes).digest();
  } catch {
    return undefined;
  }
}
