// Narrows a decoded JWT payload to SessionClaims, so a wrongly typed claim never reaches a caller.
import type { SessionClaims } from '../session/session.js';
import { deepFreeze } from '../util/deep-freeze.js';

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
  return hasSessionClaimsShape(payload) ? (deepFreeze(payload) as SessionClaims) : null;
}

/**
 * `toSessionClaims` without the freeze, for a caller that only reads a few claims and keeps
 * nothing (freezing a large `user_metadata` on every request is measurable).
 *
 * @example
 * if (hasSessionClaimsShape(payload)) console.log(payload.exp);
 */
export function hasSessionClaimsShape(payload: unknown): payload is SessionClaims {
  if (!isRecord(payload)) return false;
  const { sub, exp, iat, aud } = payload;
  if (typeof sub !== 'string' || sub === '') return false;
  // 1e400 parses to Infinity: such a token would never expire, nor leave the cache.
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return false;
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) return false;
  if (aud !== undefined && !isAudience(aud)) return false;
  for (const claim of OPTIONAL_STRING_CLAIMS) {
    const value = payload[claim];
    if (value !== undefined && typeof value !== 'string') return false;
  }
  return true;
}
