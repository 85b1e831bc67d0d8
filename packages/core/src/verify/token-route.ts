// Reads a token's JOSE header to decide which key may check it, before any crypto or network.
import { decodeProtectedHeader } from 'jose';
import type { ClaimsCheck } from './claims-check.js';

/** Signed by the auth server's published keys (gotrue-contract §4.2, §4.3). */
export const JWKS_ALGORITHMS: readonly string[] = Object.freeze(['ES256', 'RS256']);
/** GoTrue can sign with these too (§4.2), but auth-js cannot verify them locally: the auth server decides. */
export const SERVER_ONLY_ALGORITHMS: readonly string[] = Object.freeze(['RS512', 'ES512', 'EdDSA']);
/** Signed with the project's legacy shared secret; never listed in the JWKS (§2.9). */
export const SECRET_ALGORITHMS: readonly string[] = Object.freeze(['HS256']);

/** Where a token goes next: to the key set, to the shared secret, or straight to a result. */
export type TokenRoute =
  | { readonly kind: 'jwks' }
  | { readonly kind: 'secret' }
  | { readonly kind: 'settled'; readonly check: ClaimsCheck };

const settled = (check: ClaimsCheck): TokenRoute => ({ kind: 'settled', check });

/**
 * Routes a token by its header. An allow-list, not a deny-list: `none`, `HS512`, `PS256` and
 * every other value are `invalid/algorithm` (DESIGN §3.5, C14). HS256 without a configured
 * secret, and the algorithms only the server checks, are `unverifiable`, so the caller asks the
 * auth server instead.
 *
 * @example
 * routeToken(token, false); // { kind: 'settled', check: { kind: 'unverifiable' } } for an HS256 token
 */
export function routeToken(token: string, hasSecret: boolean): TokenRoute {
  // decodeProtectedHeader also accepts five-part JWEs; an access token is a three-part JWS.
  if (token.split('.', 4).length !== 3) return settled({ kind: 'invalid', reason: 'malformed' });
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    // A TypeError for bad base64url, bad JSON or a non-object header: nothing to route on.
    return settled({ kind: 'invalid', reason: 'malformed' });
  }
  const { alg, kid } = header;
  if (typeof alg !== 'string' || alg === '') return settled({ kind: 'invalid', reason: 'malformed' });
  if (kid !== undefined && typeof kid !== 'string') return settled({ kind: 'invalid', reason: 'malformed' });
  if (JWKS_ALGORITHMS.includes(alg)) return { kind: 'jwks' };
  if (SECRET_ALGORITHMS.includes(alg)) return hasSecret ? { kind: 'secret' } : settled({ kind: 'unverifiable' });
  if (SERVER_ONLY_ALGORITHMS.includes(alg)) return settled({ kind: 'unverifiable' });
  return settled({ kind: 'invalid', reason: 'algorithm' });
}
