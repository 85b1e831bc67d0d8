// Property tests — for generated verified claims, a requirement lets a session through exactly when an
// independent reading of the claims says it should: never a session that does not meet it, never a refusal of one that does.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { compileRequirements, type Requirements } from '../routes/route-requirements.js';
import type { AuthState, SessionClaims } from '../session/session.js';
import { defaultRoles } from './default-roles.js';
import { unmetRequirement } from './unmet-requirement.js';

const RUNS = 100_000;
const FIXED_SEED = 20261205;
const RANDOM_SEED = Date.now() ^ (Math.random() * 0x7fffffff);
const NOW = 1_800_000_000;
const readers = { rolesOf: defaultRoles, hasVerifiedFactor: undefined };

function authOf(claims: SessionClaims): Extract<AuthState, { kind: 'authenticated' }> {
  return { kind: 'authenticated', session: { accessToken: 't', refreshToken: 'r', expiresAt: NOW + 60, user: null }, user: { id: claims.sub, raw: {} }, claims, verifiedBy: 'claims', refreshed: false };
}

function requirements(source: Record<string, unknown>): Requirements {
  const compiled = compileRequirements(source, 'test');
  if (compiled === null) throw new Error('no requirements');
  return compiled;
}

// Values an attacker or a sloppy backend may put in a claim.
const junk = fc.oneof(
  fc.constantFrom('aal2', 'aal1', 'AAL2', 'aal2 ', 'admin', 'Admin', 'pro', '', '__proto__', 'constructor', NOW, NOW - 10, NOW - 400, NOW + 10, NaN, Infinity, -Infinity, null, true, false),
  fc.integer({ min: NOW - 1000, max: NOW + 100 }),
  fc.string({ maxLength: 6 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ maxDepth: 3 }, junk, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('role', 'roles', 'timestamp', 'method', 'plan', 'aal', '__proto__', 'admin'), tie('node'), { maxKeys: 3 })),
})).node;
const claimsWith = (keys: readonly string[]) => fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }).map((extra) => ({ ...JSON.parse(JSON.stringify(extra)) as object, sub: 'u', exp: NOW + 60 }) as SessionClaims);

/** Own property at a path, read independently of the code under test. */
function own(object: unknown, ...path: string[]): unknown {
  let current = object;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const classes: Record<string, { claims: fc.Arbitrary<SessionClaims>; requirement: Requirements; allowed: (claims: SessionClaims) => boolean }> = {
  'a session whose aal claim is not exactly "aal2", on an aal2 route': {
    claims: claimsWith(['aal', 'acr', 'amr', 'app_metadata']),
    requirement: requirements({ aal: 'aal2' }),
    allowed: (claims) => own(claims, 'aal') === 'aal2',
  },
  'a sign-in older than the window, or of unknown time, on a recentSignIn route': {
    claims: claimsWith(['amr', 'auth_time', 'iat']),
    requirement: requirements({ recentSignIn: 300 }),
    allowed: (claims) => {
      const times: number[] = [];
      const authTime = own(claims, 'auth_time');
      if (typeof authTime === 'number' && Number.isFinite(authTime)) times.push(authTime);
      const amr = own(claims, 'amr');
      if (Array.isArray(amr)) for (const entry of amr) {
        const t = own(entry, 'timestamp');
        if (typeof t === 'number' && Number.isFinite(t)) times.push(t);
      }
      return times.length > 0 && NOW - Math.max(...times) <= 300;
    },
  },
  'a role found anywhere but app_metadata.role(s), user_role or roles (user_metadata, the database role)': {
    claims: claimsWith(['app_metadata', 'user_metadata', 'role', 'roles', 'user_role', 'admin']),
    requirement: requirements({ roles: ['admin'] }),
    allowed: (claims) =>
      [own(claims, 'app_metadata', 'roles'), own(claims, 'app_metadata', 'role'), own(claims, 'user_role'), own(claims, 'roles')].some((v) => v === 'admin' || (Array.isArray(v) && v.includes('admin'))),
  },
  'a claim that is not one of the allowed values (nor an array holding one)': {
    claims: claimsWith(['app_metadata', 'plan']),
    requirement: requirements({ claims: { 'app_metadata.plan': ['pro', NOW] } }),
    allowed: (claims) => {
      const v = own(claims, 'app_metadata', 'plan');
      const ok = (x: unknown) => x === 'pro' || x === NOW;
      return Array.isArray(v) ? v.some(ok) : ok(v);
    },
  },
};

describe('route requirements admit exactly the sessions that meet them', () => {
  for (const [name, { claims, requirement, allowed }] of Object.entries(classes)) {
    for (const seed of [FIXED_SEED, RANDOM_SEED]) {
      it(`${name} (seed ${seed}, ${RUNS} cases)`, () => {
        let admitted = 0;
        fc.assert(
          fc.property(claims, (generated) => {
            const expected = allowed(generated);
            const actual = unmetRequirement(requirement, authOf(generated), NOW, readers) === null;
            if (actual !== expected) throw new Error(`${actual ? 'let in' : 'refused'}: ${JSON.stringify(generated)}`);
            if (actual) admitted++;
            return true;
          }),
          { numRuns: RUNS, seed },
        );
        // Not vacuous: the generator reaches both sides of the requirement.
        if (admitted === 0 || admitted === RUNS) throw new Error(`only one side reached (${admitted} of ${RUNS} admitted)`);
      });
    }
  }
});
