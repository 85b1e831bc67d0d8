// C33: a cookie planted next to the session (same name or a chunk name, any value, anywhere in the
// header) never signs the real user out, never clears the session, and never crashes.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support.js';

const RUNS = 50_000;
const FIXED_SEED = 20261205;
const RANDOM_SEED = Date.now() ^ (Math.random() * 0x7fffffff);

let h: Harness;
let realUserId = '';
let small = '';
let chunked = '';

beforeAll(async () => {
  h = await createHarness();
  const session = await h.signIn();
  realUserId = String(session.user.id);
  small = h.cookieFor(session);
  // A cookie user object of ~9 KB: the session is written in several chunks.
  chunked = h.cookieFor({ ...session, user: { ...session.user, user_metadata: { bio: 'x'.repeat(9000) } } });
  expect(chunked.split('; ').length).toBeGreaterThan(2);
});

/** Cookie values an attacker can plant: anything, something that looks like a session, a chunk of one. */
const plantedValue = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => encodeURIComponent(s)),
  fc.base64String({ maxLength: 80 }).map((s) => `base64-${s.replace(/[+/=]/g, '')}`),
  fc.constantFrom('base64-', 'base64-e30', 'base64-bnVsbA', '%7B%7D', 'null', '%', '""'),
);

function plantedPairs(storageKey: string): fc.Arbitrary<string[]> {
  const name = fc.oneof(fc.constant(storageKey), fc.integer({ min: 0, max: 4 }).map((n) => `${storageKey}.${n}`));
  return fc.array(fc.tuple(name, plantedValue).map(([n, v]) => `${n}=${v}`), { minLength: 1, maxLength: 3 });
}

/** The real session's pairs with the planted ones inserted at generated positions. */
function mixed(real: string, planted: readonly string[], positions: readonly number[]): string {
  const pairs = real.split('; ');
  planted.forEach((pair, i) => pairs.splice((positions[i] ?? 0) % (pairs.length + 1), 0, pair));
  return pairs.join('; ');
}

describe('planted duplicates never sign the real user out (C33)', () => {
  const classes = {
    'planted pairs around an unchunked session': () => small,
    'planted pairs around a chunked session': () => chunked,
  };
  for (const [name, real] of Object.entries(classes)) {
    for (const seed of [FIXED_SEED, RANDOM_SEED]) {
      it(`${name} (seed ${seed}, ${RUNS} cases)`, async () => {
        await fc.assert(
          fc.asyncProperty(plantedPairs(h.lockstep.config.storageKey), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), async (planted, positions) => {
            const cookie = mixed(real(), planted, positions);
            const seen = h.events.length;
            const outcome = await h.lockstep.handle(h.request('/api/me', { cookie, api: true }));
            // No sign-out is reported for a planted cookie refused on the way.
            if (h.events.slice(seen).some((event) => event.type === 'session.signed_out')) return false;
            if (outcome.kind !== 'continue' || outcome.auth.kind !== 'authenticated') return false;
            if (outcome.auth.user.id !== realUserId) return false;
            // Nothing is deleted: the real session's cookies stay.
            return outcome.cookies.setCookie.every((line) => !/Max-Age=0/.test(line));
          }),
          { numRuns: RUNS, seed },
        );
      }, 300_000);
    }
  }
});
