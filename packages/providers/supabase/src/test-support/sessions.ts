// Test fixtures: stored sessions and fake JWTs (never verified by anything under test).
import type { SupabaseStoredSession } from '../stored-session.js';

/** A now-ish Unix time in seconds, fixed so tests do not depend on the clock. */
export const NOW_S = 1_790_000_000;

/** An unsigned JWT-shaped string; auth-js only decodes the payload of what it stores. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256', typ: 'JWT', kid: 'test' })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** A stored session for user `u1`, expiring `ttl` seconds after `now`. */
export function makeSession(
  overrides: Partial<SupabaseStoredSession> = {},
  { now = NOW_S, ttl = 3600 }: { now?: number; ttl?: number } = {},
): SupabaseStoredSession {
  const expires_at = now + ttl;
  return {
    access_token: fakeJwt({ sub: 'u1', exp: expires_at, iat: now, role: 'authenticated', aud: 'authenticated' }),
    token_type: 'bearer',
    expires_in: ttl,
    expires_at,
    refresh_token: 'refresh-1',
    user: { id: 'u1', aud: 'authenticated', role: 'authenticated', email: 'u1@example.com', user_metadata: {} },
    ...overrides,
  };
}

/** A `user_metadata` blob of about `size` characters mixing ASCII, CJK and emoji. */
export function bulkyMetadata(size: number): Record<string, unknown> {
  const unit = 'ab漢字😀';
  // Array.from splits by code point, so the cut never leaves half an emoji.
  return { bio: Array.from(unit.repeat(Math.ceil(size / 4))).slice(0, size).join('') };
}
