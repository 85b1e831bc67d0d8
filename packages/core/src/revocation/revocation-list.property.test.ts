// The local list agrees with the plain definition of a revocation, for generated entries and tokens.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionClaims } from '../session/session.js';
import type { RevocationEntry } from './revocation-entry.js';
import { createRevocationList } from './revocation-list.js';

const RUNS = 100_000;
const FIXED_SEED = 20261205;
const RANDOM_SEED = Date.now() ^ (Math.random() * 0x7fffffff);
const T = 1_800_000_000;

// Few ids and times, so entries, tokens and exceptions collide often.
const id = (prefix: string) => fc.constantFrom(`${prefix}1`, `${prefix}2`, `${prefix}3`);
const time = fc.integer({ min: T - 5, max: T + 5 });
const entry: fc.Arbitrary<RevocationEntry> = fc.oneof(
  fc.record({ kind: fc.constant('session' as const), sessionId: id('s'), expiresAt: time }),
  fc.record({ kind: fc.constant('user' as const), userId: id('u'), revokedAt: time, expiresAt: time }, { requiredKeys: ['kind', 'userId', 'revokedAt', 'expiresAt'] }),
  fc.record({ kind: fc.constant('user' as const), userId: id('u'), revokedAt: time, exceptSessionId: id('s'), expiresAt: time }),
);
const token: fc.Arbitrary<SessionClaims> = fc.record({ sub: id('u'), exp: fc.constant(T + 100), iat: time, session_id: id('s') }, { requiredKeys: ['sub', 'exp'] });

/** The definition (docs/revocation.md), entry by entry: what the list must answer. */
function revokedByDefinition(entries: readonly RevocationEntry[], claims: SessionClaims, now: number): boolean {
  return entries.some((held) => {
    if (held.expiresAt <= now) return false;
    if (held.kind === 'session') return claims.session_id === held.sessionId;
    const issuedAt = claims.iat ?? Number.NEGATIVE_INFINITY;
    return claims.sub === held.userId && issuedAt <= held.revokedAt && (held.exceptSessionId === undefined || claims.session_id !== held.exceptSessionId);
  });
}

const scenario = fc.record({ entries: fc.array(fc.tuple(entry, time), { maxLength: 8 }), claims: token, now: time });

describe('revocation list ≡ the definition (bound not reached)', () => {
  const classes: [string, (revoked: boolean, expected: boolean) => boolean][] = [
    ['a revoked token is never accepted (missed revocation)', (revoked, expected) => !expected || revoked],
    ['a token no entry covers is never refused (false revocation)', (revoked, expected) => expected || !revoked],
  ];
  for (const [name, holds] of classes) {
    for (const seed of [FIXED_SEED, RANDOM_SEED]) {
      it(`${name} (seed ${seed}, ${RUNS} cases)`, () => {
        fc.assert(
          fc.property(scenario, ({ entries, claims, now }) => {
            const list = createRevocationList(1000);
            // Each entry arrives at its own time (≤ now, as entries come in before the lookup).
            for (const [held, at] of entries) list.add(held, Math.min(at, now));
            const added = entries.filter(([held, at]) => held.expiresAt > Math.min(at, now)).map(([held]) => held);
            return holds(list.isRevoked(claims, now), revokedByDefinition(added, claims, now));
          }),
          { numRuns: RUNS, seed },
        );
      });
    }
  }
});

describe('revocation list', () => {
  it('keeps at most maxEntries: past it the oldest goes first', () => {
    const list = createRevocationList(3);
    for (const sessionId of ['a', 'b', 'c', 'd']) list.add({ kind: 'session', sessionId, expiresAt: T + 60 }, T);
    const revoked = (sessionId: string) => list.isRevoked({ sub: 'u', exp: T + 60, session_id: sessionId }, T);
    expect(['a', 'b', 'c', 'd'].map(revoked)).toEqual([false, true, true, true]);
    expect(list.size).toBe(3);
  });

  it('prunes expired entries as new ones come in', () => {
    const list = createRevocationList(100);
    list.add({ kind: 'session', sessionId: 'a', expiresAt: T + 10 }, T);
    list.add({ kind: 'user', userId: 'u', revokedAt: T, expiresAt: T + 10 }, T);
    list.add({ kind: 'session', sessionId: 'b', expiresAt: T + 100 }, T + 10);
    expect(list.size).toBe(1);
  });

  it('a later entry for the same session keeps it revoked after an earlier one expired', () => {
    const list = createRevocationList(100);
    list.add({ kind: 'session', sessionId: 'a', expiresAt: T + 10 }, T);
    list.add({ kind: 'session', sessionId: 'a', expiresAt: T + 50 }, T + 5);
    list.add({ kind: 'session', sessionId: 'z', expiresAt: T + 60 }, T + 20);
    expect(list.isRevoked({ sub: 'u', exp: T + 100, session_id: 'a' }, T + 20)).toBe(true);
  });
});
