// Events that become span events on their request's span: their type and only their coded fields.
import type { Attributes } from '@opentelemetry/api';
import type { LockstepEvent } from '@lockstep/core';
import { ATTR } from './attribute-names.js';

/**
 * The span event for a Lockstep event, or `null` for events that are spans or metrics of their own.
 * `userId` and `path` are left out on purpose: a subject is personal data and a path can carry an
 * email or an id; neither belongs in a trace backend by default.
 */
export function markFor(event: LockstepEvent): { name: string; attributes: Attributes } | null {
  switch (event.type) {
    case 'session.verified':
      return { name: event.type, attributes: { [ATTR.verifyMode]: event.mode, [ATTR.cached]: event.cached } };
    case 'session.refreshed':
    case 'session.refresh_joined':
    case 'session.successor_replayed':
    case 'session.signed_in':
      return { name: event.type, attributes: {} };
    case 'session.signed_out':
      return { name: event.type, attributes: { [ATTR.reason]: event.reason } };
    case 'cookie.malformed':
    case 'route.malformed':
      return { name: event.type, attributes: { [ATTR.reason]: event.reason } };
    case 'cookie.duplicate':
      return { name: event.type, attributes: { 'lockstep.cookie.sessions': event.sessions } };
    case 'route.denied':
      return { name: event.type, attributes: { [ATTR.access]: event.access, 'lockstep.request_kind': event.requestKind, 'lockstep.response': event.response } };
    case 'verify.over_budget':
      return { name: event.type, attributes: { [ATTR.verifyMode]: event.mode } };
    default:
      return null;
  }
}
