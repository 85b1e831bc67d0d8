// A server guard's call traced like a middleware request: one request id for its events and its
// denial, and in debug mode the denial's `Lockstep-Debug-Guard` header (which rule, mode, why).
import type { GuardResult } from '../instance/guard-request.js';
import type { LockstepContext } from '../instance/lockstep-context.js';
import { guardMode } from '../instance/verify-request.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import type { VerifyMode } from '../routes/route-rule.js';
import { annotateOutcome } from './annotate-outcome.js';
import { formatDebugText } from './debug-header.js';
import { authReason, ruleLabel } from './describe-decision.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-trace.js';

/**
 * The guard's own debug header. Not `Lockstep-Debug`: the middleware sets that one on whatever
 * response leaves, a guard's denial included, and would overwrite the guard's line.
 */
export const GUARD_DEBUG_HEADER = 'Lockstep-Debug-Guard';

type GuardContext = Pick<LockstepContext, 'debug' | 'onEvent' | 'defaultVerify' | 'routes'>;

/**
 * Runs `guard` on the request with its id settled first (the one the middleware forwarded, when it
 * has our form, else a new one), so the guard's events and its denial carry the same id. A denial
 * gets the id and, in debug mode, the guard's debug header. Without `onEvent` or debug mode the
 * guard runs untouched. The id is only ever a label: nothing is decided on it.
 *
 * @example
 * guard: (request, options) => traceGuard(ctx, request, options?.mode, (traced) => guardRequest(ctx, traced, options)),
 */
export async function traceGuard(ctx: GuardContext, input: RequestLike, mode: VerifyMode | undefined, guard: (input: RequestLike) => Promise<GuardResult>): Promise<GuardResult> {
  if (ctx.onEvent === undefined && !ctx.debug) return guard(input);
  const request = toRequestRecord(input); // a private copy of the headers
  const requestId = requestIdFrom(request.headers);
  request.headers.set(REQUEST_ID_HEADER, requestId);
  const result = await guard(request);
  if (result.kind === 'allowed') return result;
  return { ...result, outcome: annotateOutcome(result.outcome, requestId, ctx.debug ? [[GUARD_DEBUG_HEADER, guardDebugText(ctx, request.url.pathname, mode, result, requestId)]] : []) };
}

/** `rule="rules[2] /admin/**"; access=protected; verify=user; session=none; outcome=redirect 307; reason=no_session; request=…` */
function guardDebugText(ctx: GuardContext, pathname: string, mode: VerifyMode | undefined, denied: Extract<GuardResult, { kind: 'denied' }>, requestId: string): string {
  const route = ctx.routes.resolve(pathname);
  const matched = route.kind === 'matched' ? route.route : null;
  const { outcome } = denied;
  return formatDebugText(
    {
      rule: matched === null ? 'none (malformed path)' : ruleLabel(matched),
      access: matched?.access ?? 'none',
      verify: guardMode(route, mode ?? ctx.defaultVerify),
      session: 'none',
      outcome: outcome.kind,
      status: outcome.status,
      reason: outcome.kind === 'respond' ? outcome.body.reason : authReason(denied.auth),
    },
    requestId,
  );
}
