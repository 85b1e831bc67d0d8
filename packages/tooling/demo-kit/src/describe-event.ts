// The words a session panel shows next to an event's type: its non-identifying fields, in one line.
import { formatDebugText, type LockstepEvent } from '@lockstep/core';

/**
 * Describes `event` for a person watching the demo. Events never carry a token or cookie value
 * (DESIGN §3.8), so the text is safe to show.
 *
 * @example
 * describeEvent({ type: 'session.signed_out', reason: 'no_session' }); // 'reason: no_session'
 */
export function describeEvent(event: LockstepEvent): string {
  switch (event.type) {
    case 'session.refreshed':
      return 'the auth server issued a new token pair';
    case 'session.refresh_joined':
      return 'waited for a refresh another request had started';
    case 'session.successor_replayed':
      return 'spent refresh token answered from the successor cache';
    case 'session.signed_in':
      return 'new session';
    case 'session.signed_out':
    case 'cookie.malformed':
    case 'route.malformed':
      return `reason: ${event.reason}`;
    case 'auth.unavailable':
      return `${event.operation}: ${event.cause}${event.status === undefined ? '' : ` (${event.status})`}${event.detail === undefined ? '' : ` [${event.detail}]`}`;
    case 'route.denied':
      return `${event.path} → ${event.response}`;
    case 'session.verified':
      return `${event.mode}${event.cached ? ', cached' : ''}`;
    case 'refresh.store_unavailable':
      return event.code ?? 'store error';
    case 'revocation.store_unavailable':
      return `revocations may be stale (${event.policy === 'open' ? 'verifying locally' : 'asking the auth server'})${event.code === undefined ? '' : ` [${event.code}]`}`;
    case 'revocation.store_available':
      return 'revocations current again';
    case 'verify.over_budget':
      return `${event.mode}: token not verifiable locally; server-check budget spent`;
    case 'cookie.duplicate':
      return `the session cookie came ${event.sessions} ways; the one that holds was used`;
    case 'config.warning':
      return event.code === 'opaque_rule_before_protected' ? `${event.code} (rule ${event.rule})` : event.code;
    case 'auth.call':
      return `${event.operation}: ${event.result}${event.status === undefined ? '' : ` (${event.status})`} in ${event.durationMs} ms`;
    case 'request.decided':
      // The same line debug mode puts in the response's Lockstep-Debug header.
      return formatDebugText(event, event.requestId ?? '-');
    case 'guard.decided':
      return `guard (${event.mode}): ${event.allowed ? 'allowed' : 'denied'}, ${event.reason}`;
  }
}
