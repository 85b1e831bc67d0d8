// Which requests are Bearer requests: one rule for the middleware and the guards.
import type { SessionProvider } from '../session/session-provider.js';
import { bearerCredential, type BearerCredential } from './bearer-token.js';

/**
 * The request's Bearer credential when it is to be checked as a user's token: Bearer tokens are on
 * (`bearer` option), the path is an API path, and the header is not the provider's API key (which
 * leaves the request to its cookies). `null` otherwise.
 *
 * @example
 * const bearer = userBearer(ctx.bearer && ctx.isApi(path), request.headers, ctx.provider);
 */
export function userBearer(accepted: boolean, headers: Headers, provider: SessionProvider): Exclude<BearerCredential, { kind: 'none' }> | null {
  if (!accepted) return null;
  const credential = bearerCredential(headers.get('authorization'));
  if (credential.kind === 'none') return null;
  return credential.kind === 'token' && provider.isApiKey?.(credential.token) === true ? null : credential;
}
