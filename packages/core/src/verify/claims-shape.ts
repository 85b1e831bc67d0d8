// Narrows a decoded JWT payload to SessionClaims, so a wrongly typed claim never reaches a caller.
import type { SessionClaims } from '../session/session.js';

const OPTIONAL_STRING_CLAIMS = ['iss', 'role', 'email', 'session_id'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAudience(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/**
 * Returns the payload as {@link SessionClaims} when every claim the type names has the right
 * type (`sub` a non-empty string, `exp` a finite number, ...), else `null`. The result is deeply
 * frozen: verified claims are cached and shared between requests, so no caller may edit them.
 *
 * @example
 * const claims = toSessionClaims(JSON.parse(payloadJson)); // null when `sub` is missing
 */
export function toSessionClaims(payload: unknown): SessionClaims | null {
  if (!isRecord(payload)) return null;
  const { sub, exp, iat, aud } = payload;
  if (typeof sub !== 'string' || sub === '') return null;
  // 1e400 parses to Infinity: such a token would never expire, nor leave the cache.
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) return null;
  if (aud !== undefined && !isAudience(aud)) return null;
  for (const claim of OPTIONAL_STRING_CLAIMS) {
    const value = payload[claim];
    if (value !== undefined && typeof value !== 'string') return null;
  }
  return deepFreeze(payload) as SessionClaims;
}

// Iterative, so a deeply nested claim cannot overflow the stack.
function deepFreeze(root: object): object {
  const pending: object[] = [root];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const value of Object.values(next)) {
      if (typeof value === 'object' && value !== null) pending.push(value);
    }
  }
  return root;
}
