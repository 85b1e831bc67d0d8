// Checks a verified session against a route's requirements: which one fails first, and how to answer it.
import { claimAt, type Requirements } from '../routes/route-requirements.js';
import type { AuthState, SessionClaims, SessionUser } from '../session/session.js';

/** The requirement a session failed, as events, debug headers and response bodies name it. */
export type RequirementName = 'aal' | 'recent_sign_in' | 'roles' | 'claims';

/**
 * A failed requirement. `step_up`: the user can meet it by authenticating again (a second factor,
 * a fresh sign-in); `forbidden`: nothing the user does now changes it (a role, a claim).
 */
export type UnmetRequirement =
  | { readonly requirement: 'aal'; readonly response: 'step_up'; readonly enrol: boolean }
  | { readonly requirement: 'recent_sign_in'; readonly response: 'step_up'; readonly maxAge: number }
  | { readonly requirement: 'roles' | 'claims'; readonly response: 'forbidden' };

/** How an instance reads roles and factors; both come from options or the provider. */
export interface AssuranceReaders {
  /** The user's roles in verified claims (`rolesFrom` option). */
  readonly rolesOf: (claims: SessionClaims) => readonly string[];
  /** Whether the user has a verified second factor; undefined when the provider cannot tell. */
  readonly hasVerifiedFactor: ((user: SessionUser) => boolean | undefined) | undefined;
}

type Authenticated = Extract<AuthState, { kind: 'authenticated' }>;

/**
 * The first requirement `auth` fails, or null when it meets them all. Roles and claims are checked
 * first: stepping up cannot help a user who lacks the role. Only ever called with verified claims
 * (a rule with requirements never runs in `session` mode).
 *
 * @example
 * unmetRequirement(route.requirements, auth, now, readers); // → { requirement: 'aal', response: 'step_up', enrol: false }
 */
export function unmetRequirement(requirements: Requirements, auth: Authenticated, now: number, readers: AssuranceReaders): UnmetRequirement | null {
  const { claims } = auth;
  if (requirements.roles.length > 0) {
    const held = safeRoles(readers, claims);
    if (!requirements.roles.every((group) => group.some((role) => held.includes(role)))) return { requirement: 'roles', response: 'forbidden' };
  }
  for (const check of requirements.claims) {
    if (!passes(check.test, claims)) return { requirement: 'claims', response: 'forbidden' };
  }
  if (requirements.aal !== null && claims.aal !== requirements.aal) {
    // The cookie's user (or the server's, in `user` mode) says whether a factor exists: it only
    // chooses between the enrolment and the step-up page, both of which require the same.
    const user = auth.verifiedBy === 'user' ? auth.user : (auth.session.user ?? auth.user);
    return { requirement: 'aal', response: 'step_up', enrol: readers.hasVerifiedFactor?.(user) === false };
  }
  if (requirements.recentSignIn !== null) {
    const last = lastAuthenticatedAt(claims);
    if (last === null || now - last > requirements.recentSignIn) return { requirement: 'recent_sign_in', response: 'step_up', maxAge: requirements.recentSignIn };
  }
  return null;
}

/**
 * When the user last authenticated, in Unix seconds: the latest `amr` timestamp (Supabase: one per
 * method, renewed by each sign-in or factor check) or `auth_time` (OIDC); null when neither is there.
 */
export function lastAuthenticatedAt(claims: SessionClaims): number | null {
  let last: number | null = typeof claims.auth_time === 'number' && Number.isFinite(claims.auth_time) ? claims.auth_time : null;
  if (Array.isArray(claims.amr)) {
    for (const entry of claims.amr as unknown[]) {
      const timestamp = claimAt(entry, ['timestamp']);
      if (typeof timestamp === 'number' && Number.isFinite(timestamp) && (last === null || timestamp > last)) last = timestamp;
    }
  }
  return last;
}

/** A predicate that throws or answers anything but `true` fails: fail closed. */
function passes(test: (claims: SessionClaims) => unknown, claims: SessionClaims): boolean {
  try {
    return test(claims) === true;
  } catch {
    return false;
  }
}

function safeRoles(readers: AssuranceReaders, claims: SessionClaims): readonly string[] {
  try {
    const roles = readers.rolesOf(claims);
    return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
  } catch {
    return [];
  }
}
