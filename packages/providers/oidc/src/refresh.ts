// The refresh grant (RFC 6749 §6) with rotation, and its classification: only `invalid_grant` signs anyone out.
import type { Session } from '@lockstep/core';
import type { RefreshResult } from '@lockstep/core/refresh';
import { decodeClaimsUnverified } from '@lockstep/core/verify';
import { postForm } from './oauth-call.js';
import { isFinalRefusal } from './refusals.js';
import type { OidcRuntime } from './runtime.js';
import { checkIdToken, readTokenAnswer } from './token-answer.js';
import { toSession } from './to-session.js';

/**
 * Spends a refresh token. `rejected` only for the documented final refusal (see `isFinalRefusal`);
 * a 5xx, 429, network failure, timeout, unknown 4xx, unreadable body or an ID token that does not
 * verify is `unavailable`: the cookies are kept and the request gets a 503, never a sign-out.
 * A new ID token must name the same subject as the access token being replaced (OIDC Core §12.2).
 */
export async function refreshSession(runtime: OidcRuntime, refreshToken: string, now: number): Promise<RefreshResult> {
  const resolved = await runtime.resolve(now);
  if (resolved.kind !== 'ok') return { kind: 'unavailable', cause: resolved.cause, ...(resolved.status === undefined ? {} : { status: resolved.status }) };
  const answer = await postForm(runtime.config, runtime.environment, resolved.metadata.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: refreshToken });
  switch (answer.kind) {
    case 'unavailable':
      return answer;
    case 'error':
      return isFinalRefusal(answer) ? { kind: 'rejected', reason: 'invalid_grant' } : { kind: 'unavailable', cause: 'unknown_refusal', status: answer.status };
    case 'ok': {
      const tokens = readTokenAnswer(answer.body);
      if (tokens === null) return { kind: 'unavailable', cause: 'protocol', status: answer.status };
      let idClaims = null;
      if (tokens.idToken !== null) {
        const sub = decodeClaimsUnverified(tokens.accessToken)?.sub ?? null;
        const check = await checkIdToken(resolved.idTokens, tokens.idToken, now, runtime.config.clientId, { nonce: null, sub });
        if (check.kind === 'invalid') return { kind: 'unavailable', cause: 'protocol', status: answer.status };
        idClaims = check.claims;
      }
      const session: Session | null = toSession(tokens, idClaims, now, refreshToken);
      return session === null ? { kind: 'unavailable', cause: 'protocol', status: answer.status } : { kind: 'refreshed', session };
    }
  }
}
