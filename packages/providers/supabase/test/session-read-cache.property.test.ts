// The verified-session cache is invisible: on generated cookie values, an instance with it decides exactly as one without.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringToBase64URL } from '@supabase/ssr';
import type { Outcome } from '@lockstep/core';
import { createSupabaseLockstep } from '../src/index.js';
import { createMockAuth } from '@lockstep/mock-auth';
import { ROUTES } from './support.js';

const CASES_PER_SEED = 100_000;
const FIXED_SEED = 0xcac4e;
const USERS = [
  { email: 'ada@example.com', password: 'correct-horse-1' },
  { email: 'bob@example.com', password: 'correct-horse-2' },
] as const;

type Json = Record<string, unknown>;

// Each edit makes another cookie value from a stored session: the same one again (a hit), or one
// field changed so that a cache keyed on anything less than the whole value would answer wrongly.
const EDITS: readonly ((session: Json, other: Json, random: number) => Json | string)[] = [
  (session) => session,
  (session) => session,
  (session) => session,
  (session, _other, random) => ({ ...session, refresh_token: `${String(session.refresh_token)}${random % 4}` }),
  (session, other) => ({ ...session, refresh_token: other.refresh_token }),
  (session, other) => ({ ...session, access_token: other.access_token }),
  (session, other) => ({ ...session, user: other.user }),
  (session) => ({ ...session, user: null }),
  (session) => ({ ...session, user: { ...(session.user as Json), email: 'mallory@example.com' } }),
  (session) => ({ ...session, expires_at: Number(session.expires_at) - 10_000 }),
  (session, _other, random) => ({ ...session, expires_at: 0, expires_in: random % 7200 }),
  (session, _other, random) => ({ ...session, access_token: corrupt(String(session.access_token), random) }),
  (session) => JSON.stringify(session),
  (session) => `base64-${stringToBase64URL(JSON.stringify(session)).slice(0, -3)}`,
];

function corrupt(token: string, random: number): string {
  const at = random % token.length;
  const replacement = token[at] === 'A' ? 'B' : 'A';
  return token.slice(0, at) + replacement + token.slice(at + 1);
}

/** What a request was decided on, without object identity: the comparison between the two instances. */
function decision(outcome: Outcome): string {
  const auth = outcome.kind === 'continue' ? outcome.auth : null;
  return JSON.stringify({
    kind: outcome.kind,
    status: outcome.kind === 'respond' ? outcome.status : undefined,
    auth: auth?.kind,
    reason: auth !== null && auth.kind === 'anonymous' ? auth.reason : undefined,
    session: auth !== null && auth.kind === 'authenticated' ? auth.session : undefined,
    user: auth !== null && auth.kind === 'authenticated' ? auth.user : undefined,
    claims: auth !== null && auth.kind === 'authenticated' ? auth.claims : undefined,
    setCookie: outcome.headers.filter(([name]) => name.toLowerCase() === 'set-cookie').length,
  });
}

describe('verified-session cache (failure classes: a cached read that differs from a fresh decode; a cookie edit served the cached session)', () => {
  it.each([
    ['fixed seed', FIXED_SEED],
    ['random seed', Date.now() ^ (Math.random() * 0x7fffffff)],
  ])(`${CASES_PER_SEED} generated cookie values decide alike with and without it (%s)`, async (_label, seed) => {
    const mock = await createMockAuth({ users: [...USERS] });
    mock.controls.clock.freeze();
    // A cookie edited to look expired is refreshed: both instances would spend the same refresh
    // token at one mock. An outage answers both alike (the edits, not refreshes, are under test).
    mock.controls.fail('token:refresh_token', { kind: 'status', status: 503 });
    const now = (): number => mock.controls.clock.now() / 1000;
    const options = { supabaseUrl: mock.url, supabaseKey: mock.anonKey, routes: ROUTES };
    const cached = createSupabaseLockstep(options, { fetch: mock.fetch, now });
    const uncached = createSupabaseLockstep({ ...options, jwt: { sessionCacheBytes: 0 } }, { fetch: mock.fetch, now });
    const sessions: Json[] = [];
    for (const user of [...USERS, ...USERS]) sessions.push((await mock.controls.issueSession(user.email)) as unknown as Json);
    const key = cached.config.storageKey;
    let repeats = 0;
    let authenticated = 0;
    const index = (length: number) => fc.nat({ max: length - 1 });
    await fc.assert(
      fc.asyncProperty(index(sessions.length), index(sessions.length), index(EDITS.length), fc.nat(), async (s, o, e, random) => {
        const session = sessions[s] as Json;
        const edited = (EDITS[e] as (typeof EDITS)[number])(session, sessions[o] as Json, random);
        const value = typeof edited === 'string' ? edited : `base64-${stringToBase64URL(JSON.stringify(edited))}`;
        const request = (): Request => new Request('http://app.test/dashboard', { headers: { cookie: `${key}=${value}`, accept: 'application/json', 'sec-fetch-mode': 'cors' } });
        const [withCache, without] = await Promise.all([cached.handle(request()), uncached.handle(request())]);
        expect(decision(withCache)).toBe(decision(without));
        if (edited === session) repeats += 1;
        if (withCache.kind === 'continue' && withCache.auth.kind === 'authenticated') authenticated += 1;
      }),
      { numRuns: CASES_PER_SEED, seed },
    );
    // Both sides are reached: repeats the cache serves, and edits it must not serve.
    expect(repeats).toBeGreaterThan(CASES_PER_SEED / 10);
    expect(authenticated).toBeLessThan(CASES_PER_SEED * 0.9);
  }, 600_000);
});
