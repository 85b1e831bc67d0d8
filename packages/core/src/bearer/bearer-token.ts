// Reads `Authorization: Bearer <token>` (RFC 6750 §2.1) without trusting its form.

/** What the header holds: no Bearer credential, a token of the RFC's form, or a Bearer credential that is not one. */
export type BearerCredential = { readonly kind: 'none' } | { readonly kind: 'token'; readonly token: string } | { readonly kind: 'malformed' };

const NONE: BearerCredential = Object.freeze({ kind: 'none' });
const MALFORMED: BearerCredential = Object.freeze({ kind: 'malformed' });
// `b64token` of RFC 6750, bounded: an access token is a JWT of a few kilobytes at most.
const BEARER = /^Bearer[ ]+([A-Za-z0-9\-._~+/]{1,16384}=*)[ ]*$/i;
const SCHEME = /^Bearer(?:[ ]|$)/i;

/**
 * The Bearer token in an `Authorization` header. Another scheme (Basic, …) is not ours: `none`.
 *
 * @example
 * bearerCredential('Bearer eyJhbGciOi…'); // → { kind: 'token', token: 'eyJhbGciOi…' }
 * bearerCredential('Basic dXNlcjpwYXNz'); // → { kind: 'none' }
 */
export function bearerCredential(header: string | null): BearerCredential {
  if (header === null || !SCHEME.test(header)) return NONE;
  const match = BEARER.exec(header);
  return match?.[1] === undefined ? MALFORMED : { kind: 'token', token: match[1] };
}
