// The sign-in flow cookie: PKCE verifier, state, nonce and redirect URI of one started sign-in, short-lived and HttpOnly.
import type { CookieAttributes, CookieWrite, RequestCookie } from '@lockstep/core/cookies';
import { decodeJson, encodeJson } from './base64url.js';

/** Version tag of the value. */
const FLOW_PREFIX = 'f1.';
// RFC 7636 §4.1 verifier characters; state and nonce are ours too, so the same alphabet and lengths.
const RANDOM = /^[A-Za-z0-9_-]{43,128}$/;

/** What a started sign-in must find again at the callback. */
export interface SignInFlow {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  /** The exact `redirect_uri` sent to the authorization endpoint: the token request must repeat it. */
  readonly redirectUri: string;
  /** Reserved: where to go after sign-in, once the core's callback result can carry it; `null` today. */
  readonly returnTo: string | null;
  /** Unix seconds. */
  readonly startedAt: number;
}

/** The flow cookie's name: beside the session cookie, never mistaken for one of its chunks. */
export function flowCookieName(sessionCookieName: string): string {
  return `${sessionCookieName}-flow`;
}

/** The cookie value of a flow. */
export function encodeFlow(flow: SignInFlow): string {
  return FLOW_PREFIX + encodeJson({ v: flow.verifier, s: flow.state, n: flow.nonce, r: flow.redirectUri, t: flow.returnTo, c: flow.startedAt });
}

/** The flow in the request's cookies: absent, unreadable, or read. Never throws. */
export function readFlow(cookies: readonly RequestCookie[], name: string): { kind: 'none' } | { kind: 'malformed' } | { kind: 'present'; flow: SignInFlow } {
  const value = cookies.find((cookie) => cookie.name === name)?.value;
  if (value === undefined) return { kind: 'none' };
  if (!value.startsWith(FLOW_PREFIX) || value.length > 4096) return { kind: 'malformed' };
  const json = decodeJson(value.slice(FLOW_PREFIX.length));
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'malformed' };
  const { v, s, n, r, t, c } = json as Record<string, unknown>;
  if (typeof v !== 'string' || typeof s !== 'string' || typeof n !== 'string' || !RANDOM.test(v) || !RANDOM.test(s) || !RANDOM.test(n)) return { kind: 'malformed' };
  if (typeof r !== 'string' || !/^https?:\/\//.test(r) || (t !== null && typeof t !== 'string') || typeof c !== 'number' || !Number.isSafeInteger(c)) return { kind: 'malformed' };
  return { kind: 'present', flow: { verifier: v, state: s, nonce: n, redirectUri: r, returnTo: t, startedAt: c } };
}

/**
 * The flow cookie's attributes: host-only on `/` (the callback may be anywhere on the origin),
 * `HttpOnly`, `SameSite=Lax` — the provider's redirect back is a top-level GET from another site,
 * which `Lax` lets through and `Strict` would not.
 */
export function flowAttributes(secure: boolean, maxAge: number): CookieAttributes {
  return { path: '/', sameSite: 'lax', secure, httpOnly: true, maxAge };
}

/** Deletes the flow cookie when the request carries it, where it was set (`/`, host-only). */
export function clearFlow(cookies: readonly RequestCookie[], name: string, attributes: CookieAttributes): CookieWrite[] {
  return cookies.some((cookie) => cookie.name === name) ? [{ name, value: '', attributes: flowAttributes(attributes.secure, 0) }] : [];
}
