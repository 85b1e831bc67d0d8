// How a provider operation's result reads as an auth-server call (see `timedCall`).
import type { RefreshResult } from '../refresh/refresh-result.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { TokenCheck } from '../session/session-provider.js';
import type { CallReport } from './timed-call.js';

/** A refresh always reaches the server (the coordinator calls it only for the request that runs it). */
export function refreshReport(result: RefreshResult): CallReport {
  switch (result.kind) {
    case 'refreshed':
      return { result: 'ok', status: 200 };
    case 'rejected':
      return { result: 'rejected' };
    case 'unavailable':
      return { result: 'unavailable', ...(result.status === undefined ? {} : { status: result.status }) };
  }
}

/**
 * A token check reached the server when it failed for want of it (`unavailable`), or when a `user`
 * check was not answered by the cache. A refusal may have been local (claims checked first), so it
 * is not counted as a call.
 */
export function checkReport(mode: VerifyMode) {
  return (check: TokenCheck): CallReport | null => {
    if (check.kind === 'unavailable') return { result: 'unavailable', ...(check.status === undefined ? {} : { status: check.status }) };
    if (mode === 'user' && check.kind === 'valid' && !check.cached) return { result: 'ok', status: 200 };
    return null;
  };
}

/** The operation a check's server call is: `GET /user` in `user` mode, the key set otherwise. */
export function checkOperation(mode: VerifyMode): 'user' | 'jwks' {
  return mode === 'user' ? 'user' : 'jwks';
}
