// C29: only GoTrue's documented final refusals sign anybody out; every other 4xx keeps the session.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getUser, refreshSession } from './gotrue-api.js';
import type { GoTrueContext } from './gotrue-request.js';
import { refreshRefusal, userRefusal } from './gotrue-refusals.js';

const RUNS = 100_000;
const SEEDS = [20261204, Date.now() ^ (Math.random() * 0x7fffffff)];
// The documented tables, written out again on purpose: the test must not read the list it checks.
const REFRESH_FINAL = new Set(['refresh_token_not_found', 'refresh_token_already_used', 'session_not_found', 'session_expired', 'user_banned', 'user_not_found', 'validation_failed', 'invalid_grant']);
const USER_FINAL: Record<string, readonly number[]> = { bad_jwt: [400, 403], session_not_found: [403], user_not_found: [403], user_banned: [403], validation_failed: [400] };
const KNOWN_CODES = [...new Set([...REFRESH_FINAL, ...Object.keys(USER_FINAL), 'no_authorization', 'conflict', 'over_request_rate_limit', 'unexpected_failure', 'unknown'])];

const status4xx = fc.integer({ min: 400, max: 499 });
const code = fc.oneof(fc.constant(null), fc.constantFrom(...KNOWN_CODES), fc.string({ maxLength: 24 }));

describe('GoTrue refusal tables (C29)', () => {
  for (const seed of SEEDS) {
    it(`refresh: a 4xx signs out only when it is 400 with a documented code (seed ${seed})`, () => {
      fc.assert(
        fc.property(status4xx, code, (status, name) => {
          const final = status === 400 && name !== null && REFRESH_FINAL.has(name);
          return (refreshRefusal(status, name) !== null) === final;
        }),
        { numRuns: RUNS, seed },
      );
    });

    it(`GET /user: a 4xx signs out only for a documented code with its documented status (seed ${seed})`, () => {
      fc.assert(
        fc.property(status4xx, code, (status, name) => {
          const final = name !== null && Object.hasOwn(USER_FINAL, name) && (USER_FINAL[name] ?? []).includes(status);
          return (userRefusal(status, name) !== null) === final;
        }),
        { numRuns: RUNS, seed },
      );
    });
  }

  // The whole call: statuses and bodies as a gateway, a firewall or a proxy answers them.
  const answer = fc.record({
    status: fc.integer({ min: 400, max: 499 }).filter((status) => status !== 409 && status !== 429),
    body: fc.oneof(
      fc.record({ code: fc.constantFrom(...KNOWN_CODES), message: fc.string() }),
      fc.record({ message: fc.constantFrom('Invalid API key', 'Forbidden', 'no Route matched', 'Unauthorized') }),
      fc.record({ error: fc.string({ maxLength: 12 }) }),
    ),
  });
  const context = (status: number, body: unknown): GoTrueContext => ({
    authUrl: 'https://ref.supabase.test/auth/v1',
    apiKey: 'anon-key',
    timeoutMs: 1000,
    fetch: () => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  });

  it('every 4xx that is not a documented refusal keeps the session, on refresh and in user mode', async () => {
    await fc.assert(
      fc.asyncProperty(answer, async ({ status, body }) => {
        const named = 'code' in body ? body.code : 'error' in body ? body.error : null;
        const refresh = await refreshSession(context(status, body), 'rt', 1_800_000_000);
        expect(refresh.kind === 'rejected').toBe(status === 400 && REFRESH_FINAL.has(named ?? ''));
        if (refresh.kind === 'unavailable') expect(refresh).toEqual({ kind: 'unavailable', cause: 'unknown_refusal', status });
        const user = await getUser(context(status, body), 'at');
        expect(user.kind === 'rejected').toBe(named !== null && Object.hasOwn(USER_FINAL, named) && (USER_FINAL[named] ?? []).includes(status));
      }),
      { numRuns: 5_000, seed: SEEDS[0] ?? 0 },
    );
  });
});
