// Successor records to and from the JSON stored in Redis; anything else read back is refused, never used.
import type { Session, SessionUser } from '@lockstep/core';
import type { SuccessorRecord } from '@lockstep/core/refresh';

/**
 * The JSON written for `record`. It holds the successor's live tokens: Redis keeps them for the
 * successor TTL only (≤ the auth server's reuse interval), under a key that is a token hash.
 *
 * @example
 * await client.hset(name, 'record', toSuccessorJson(record));
 */
export function toSuccessorJson(record: SuccessorRecord): string {
  const { session, next, generation } = record;
  return JSON.stringify({ session: { accessToken: session.accessToken, refreshToken: session.refreshToken, expiresAt: session.expiresAt, user: session.user }, next, generation });
}

/**
 * The record in `json`, or `undefined` when it is not one this store wrote (corrupt, truncated,
 * written by something else): a broken value must never look like a session (STYLE 12).
 *
 * @example
 * const record = fromSuccessorJson(await client.hget(name, 'record') ?? '');
 */
export function fromSuccessorJson(json: string): SuccessorRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const { session, next, generation } = value;
  if (typeof next !== 'string' || next === '' || !Number.isSafeInteger(generation) || (generation as number) < 0) return undefined;
  return isSession(session) ? { session, next, generation: generation as number } : undefined;
}

function isSession(value: unknown): value is Session {
  if (!isObject(value)) return false;
  const { accessToken, refreshToken, expiresAt, user } = value;
  return (
    typeof accessToken === 'string' &&
    accessToken !== '' &&
    typeof refreshToken === 'string' &&
    refreshToken !== '' &&
    typeof expiresAt === 'number' &&
    Number.isFinite(expiresAt) &&
    (user === null || isUser(user))
  );
}

function isUser(value: unknown): value is SessionUser {
  if (!isObject(value)) return false;
  const { id, email, role, raw } = value;
  return typeof id === 'string' && (email === undefined || typeof email === 'string') && (role === undefined || typeof role === 'string') && isObject(raw);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
