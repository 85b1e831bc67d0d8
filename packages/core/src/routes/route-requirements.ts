// What a protected route asks of a verified session beyond being signed in: assurance level, a recent
// sign-in, roles, claims. Written on a rule (or passed to a guard), compiled once, merged when a
// path is decided by several rules.
import { LockstepError } from '../errors.js';
import type { SessionClaims } from '../session/session.js';

/** A value a claim is compared with. */
export type ClaimValue = string | number | boolean;

/**
 * A declarative claims match: each key is a dot path into the verified claims
 * (`'app_metadata.plan'`), each value the one allowed value or a list of allowed values. A claim that
 * is an array matches when it holds an allowed value. Or a predicate over the verified claims; a
 * throw or a non-boolean result denies (fail closed).
 */
export type ClaimsRequirement = Readonly<Record<string, ClaimValue | readonly ClaimValue[]>> | ((claims: SessionClaims) => boolean);

/** The requirements a rule (or a guard call) may state. Only ever checked on verified claims. */
export interface RouteRequirements {
  /** `aal2`: the session must have passed a second factor (Supabase MFA's `aal` claim, OIDC's `acr`). */
  aal?: 'aal2';
  /** The last authentication (`amr` timestamps, `auth_time`) must be at most this many seconds old. */
  recentSignIn?: number;
  /** The user must hold at least one of these roles (read with the `rolesFrom` option). */
  roles?: readonly string[];
  /** The verified claims must match (see `ClaimsRequirement`). */
  claims?: ClaimsRequirement;
}

/** One claims test in compiled form; `label` is how `explain()` and events show it. */
export interface ClaimTest {
  readonly label: string;
  readonly test: (claims: SessionClaims) => unknown;
}

/**
 * Requirements as checked: the strictest level and recency, and every role group and claims test
 * that must hold (a path decided by two rules must meet both rules' requirements).
 */
export interface Requirements {
  readonly aal: 'aal2' | null;
  readonly recentSignIn: number | null;
  /** Each group is any-of; every group must hold. */
  readonly roles: readonly (readonly string[])[];
  readonly claims: readonly ClaimTest[];
}

const KEYS = new Set(['aal', 'recentSignIn', 'roles', 'claims']);
const MAX_RECENT_SIGN_IN = 366 * 24 * 3600;

/** Whether a rule-like object states any requirement. */
export function statesRequirements(value: Readonly<Record<string, unknown>>): boolean {
  for (const key of KEYS) if (value[key] !== undefined) return true;
  return false;
}

/**
 * Compiles the requirements stated on `source` (a rule or guard options); null when it states none.
 * @throws {LockstepError} `ERR_CONFIG_INVALID` for a malformed requirement, naming `name`.
 */
export function compileRequirements(source: Readonly<Record<string, unknown>>, name: string): Requirements | null {
  if (!statesRequirements(source)) return null;
  const { aal, recentSignIn, roles, claims } = source;
  if (aal !== undefined && aal !== 'aal2') throw invalid(`${name}.aal must be "aal2".`);
  if (recentSignIn !== undefined && !(typeof recentSignIn === 'number' && Number.isInteger(recentSignIn) && recentSignIn > 0 && recentSignIn <= MAX_RECENT_SIGN_IN)) {
    throw invalid(`${name}.recentSignIn must be a whole number of seconds from 1 to ${MAX_RECENT_SIGN_IN}.`);
  }
  return {
    aal: aal === undefined ? null : 'aal2',
    recentSignIn: recentSignIn === undefined ? null : (recentSignIn as number),
    roles: roles === undefined ? [] : [compileRoles(roles, name)],
    claims: claims === undefined ? [] : [compileClaims(claims, name)],
  };
}

/** Both sets of requirements at once: the higher level, the shorter recency, every role group and claims test. */
export function mergeRequirements(a: Requirements | null, b: Requirements | null): Requirements | null {
  if (a === null || b === null || a === b) return a ?? b;
  return {
    aal: a.aal ?? b.aal,
    recentSignIn: a.recentSignIn === null ? b.recentSignIn : b.recentSignIn === null ? a.recentSignIn : Math.min(a.recentSignIn, b.recentSignIn),
    roles: [...a.roles, ...b.roles.filter((group) => !a.roles.includes(group))],
    claims: [...a.claims, ...b.claims.filter((test) => !a.claims.includes(test))],
  };
}

/** One line for `explain()`: `aal2, signed in within 300 s, role admin or owner, claims app_metadata.plan = "pro"`. */
export function describeRequirements(requirements: Requirements): string {
  const parts: string[] = [];
  if (requirements.aal !== null) parts.push(requirements.aal);
  if (requirements.recentSignIn !== null) parts.push(`signed in within ${String(requirements.recentSignIn)} s`);
  for (const group of requirements.roles) parts.push(`role ${group.join(' or ')}`);
  for (const test of requirements.claims) parts.push(`claims ${test.label}`);
  return parts.join(', ');
}

function compileRoles(roles: unknown, name: string): readonly string[] {
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => typeof role === 'string' && role !== '')) {
    throw invalid(`${name}.roles must be a non-empty array of role names.`);
  }
  return Object.freeze([...(roles as string[])]);
}

function compileClaims(claims: unknown, name: string): ClaimTest {
  if (typeof claims === 'function') {
    const fnName = (claims as { name?: unknown }).name;
    return { label: typeof fnName === 'string' && fnName !== '' ? `predicate ${fnName}()` : 'predicate (anonymous)', test: claims as (claims: SessionClaims) => unknown };
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw invalid(`${name}.claims must be an object of claim paths and allowed values, or a predicate.`);
  }
  const entries = Object.entries(claims as Record<string, unknown>);
  if (entries.length === 0) throw invalid(`${name}.claims names no claim.`);
  const matches = entries.map(([path, expected]) => compileClaimMatch(path, expected, name));
  return {
    label: matches.map((match) => match.label).join(' and '),
    test: (verified) => matches.every((match) => match.test(verified) === true),
  };
}

// `user_metadata` is written by the user themself (supabase.auth.updateUser): never a basis for access.
const USER_WRITABLE = /^(user_metadata|raw_user_meta_data)(\.|$)/;
const PATH_SEGMENT = /^[A-Za-z0-9_:-]+$/;

function compileClaimMatch(path: string, expected: unknown, name: string): ClaimTest {
  const segments = path.split('.');
  if (!segments.every((segment) => PATH_SEGMENT.test(segment))) {
    throw invalid(`${name}.claims key "${path.slice(0, 80)}" must be a dot path of claim names (letters, digits, _ : -).`);
  }
  if (USER_WRITABLE.test(path)) {
    throw invalid(`${name}.claims key "${path}" reads user_metadata, which every user can change for themself; use app_metadata or a custom claim.`);
  }
  const allowed: readonly unknown[] = Array.isArray(expected) ? expected : [expected];
  if (allowed.length === 0 || !allowed.every(isClaimValue)) {
    throw invalid(`${name}.claims["${path}"] must be a string, number or boolean, or a non-empty list of them.`);
  }
  const label = `${path} = ${allowed.map((value) => JSON.stringify(value)).join(' | ')}`;
  const accepts = (value: unknown): boolean => (allowed as readonly unknown[]).includes(value);
  return {
    label,
    test: (claims) => {
      const value = claimAt(claims, segments);
      return Array.isArray(value) ? (value as unknown[]).some(accepts) : accepts(value);
    },
  };
}

/** The claim at a dot path: own properties only, so `constructor` or `__proto__` never reach a prototype. */
export function claimAt(claims: unknown, segments: readonly string[]): unknown {
  let value: unknown = claims;
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function isClaimValue(value: unknown): value is ClaimValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function invalid(message: string): LockstepError {
  return new LockstepError('ERR_CONFIG_INVALID', message);
}
