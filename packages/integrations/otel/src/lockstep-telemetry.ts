// OpenTelemetry from Lockstep's event stream: a span per decision, child spans per auth-server call, and metrics.
import { context, metrics, SpanKind, SpanStatusCode, trace, type Attributes, type Meter, type Tracer } from '@opentelemetry/api';
import type { EventHandler, LockstepEvent } from '@lockstep/core';
import { ATTR, SPAN } from './attribute-names.js';
import { createInstruments, type Instruments } from './instruments.js';
import { PendingRequests, type PendingRequest } from './pending-requests.js';
import { markFor } from './span-marks.js';

const SCOPE = '@lockstep/otel';

export interface LockstepTelemetryOptions {
  /** @default trace.getTracer('@lockstep/otel') from the globally registered provider */
  readonly tracer?: Tracer;
  /** @default metrics.getMeter('@lockstep/otel') from the globally registered provider */
  readonly meter?: Meter;
  /** Requests whose events are held until their decision event, at most. @default 10000 */
  readonly maxPendingRequests?: number;
  /** Wall-clock milliseconds, for span times. @default Date.now */
  readonly clock?: () => number;
}

export interface LockstepTelemetry {
  /** Give it to Lockstep as `onEvent` (or call it from yours). Never throws. */
  readonly onEvent: EventHandler;
}

type Decided = Extract<LockstepEvent, { type: 'request.decided' }>;
type GuardDecided = Extract<LockstepEvent, { type: 'guard.decided' }>;

/**
 * Creates the telemetry. Spans are written when a request's decision event arrives (`request.decided`
 * for the middleware, `guard.decided` for a server guard), timed back by the duration it carries,
 * with the request's auth-server calls as child spans; they are children of whatever span is active
 * at that moment (your HTTP server's, with an instrumented runtime). Metrics are recorded as events come.
 * Attribute values are rule labels and stable codes: never a token, cookie value, email, path or user id.
 *
 * @example
 * import { lockstepTelemetry } from '@lockstep/otel';
 * const telemetry = lockstepTelemetry();
 * export default lockstepProxy({ supabaseUrl, supabaseKey, onEvent: telemetry.onEvent });
 */
export function lockstepTelemetry(options: LockstepTelemetryOptions = {}): LockstepTelemetry {
  const tracer = options.tracer ?? trace.getTracer(SCOPE);
  const instruments = createInstruments(options.meter ?? metrics.getMeter(SCOPE));
  const pending = new PendingRequests(options.maxPendingRequests ?? 10_000);
  const clock = options.clock ?? Date.now;

  function onEvent(event: LockstepEvent): void {
    try {
      record(instruments, event);
      const id = event.requestId;
      if (id === undefined) return;
      switch (event.type) {
        case 'auth.call':
          pending.get(id).calls.push({ event, endedAt: clock() });
          return;
        case 'auth.unavailable': {
          const call = pending.get(id).calls.findLast((candidate) => candidate.event.operation === event.operation);
          if (call !== undefined) {
            call.cause = event.cause;
            if (event.detail !== undefined) call.detail = event.detail;
          }
          return;
        }
        case 'request.decided':
          writeSpans(tracer, SPAN.handle, decisionAttributes(event), event.durationMs, failure(event), pending.take(id), clock());
          return;
        case 'guard.decided':
          writeSpans(tracer, SPAN.guard, guardAttributes(event), event.durationMs, event.reason.startsWith('unavailable_') ? event.reason : null, pending.take(id), clock());
          return;
        default: {
          const mark = markFor(event);
          if (mark !== null) pending.get(id).marks.push({ ...mark, at: clock() });
        }
      }
    } catch {
      // Telemetry must never fail a request.
    }
  }
  return { onEvent };
}

function record(instruments: Instruments, event: LockstepEvent): void {
  switch (event.type) {
    case 'request.decided':
      instruments.decisions.add(1, { [ATTR.outcome]: event.outcome, [ATTR.reason]: event.reason, [ATTR.access]: event.access });
      return;
    case 'guard.decided':
      instruments.guardDecisions.add(1, { [ATTR.allowed]: event.allowed, [ATTR.reason]: event.reason, [ATTR.verifyMode]: event.mode });
      return;
    case 'session.refreshed':
      instruments.refreshes.add(1, { [ATTR.via]: 'upstream' });
      return;
    case 'session.refresh_joined':
      instruments.refreshes.add(1, { [ATTR.via]: 'joined' });
      return;
    case 'session.successor_replayed':
      instruments.refreshes.add(1, { [ATTR.via]: 'replayed' });
      return;
    case 'auth.call':
      instruments.authDuration.record(event.durationMs / 1000, { [ATTR.operation]: event.operation, [ATTR.result]: event.result });
      return;
    case 'auth.unavailable':
      instruments.unavailable.add(1, { [ATTR.operation]: event.operation, [ATTR.cause]: event.cause });
      return;
    case 'refresh.store_unavailable':
      instruments.storeFailures.add(1, event.code === undefined ? {} : { [ATTR.storeCode]: event.code });
      return;
    case 'revocation.store_unavailable':
      instruments.revocationStoreFailures.add(1, { [ATTR.storePolicy]: event.policy, ...(event.code === undefined ? {} : { [ATTR.storeCode]: event.code }) });
      return;
    default:
      return;
  }
}

function decisionAttributes(event: Decided): Attributes {
  return {
    [ATTR.requestId]: event.requestId ?? '',
    [ATTR.rule]: event.rule,
    [ATTR.access]: event.access,
    [ATTR.verifyMode]: event.verify,
    [ATTR.cached]: event.session === 'cached',
    [ATTR.session]: event.session,
    [ATTR.outcome]: event.outcome,
    [ATTR.reason]: event.reason,
    ...(event.status === 0 ? {} : { [ATTR.httpStatus]: event.status }),
  };
}

function guardAttributes(event: GuardDecided): Attributes {
  return {
    [ATTR.requestId]: event.requestId ?? '',
    [ATTR.verifyMode]: event.mode,
    [ATTR.allowed]: event.allowed,
    [ATTR.reason]: event.reason,
  };
}

/** A decision is an error only when the auth server failed us (a 503); a denial is the system working. */
function failure(event: Decided): string | null {
  return event.reason.startsWith('unavailable_') || event.status === 503 ? event.reason : null;
}

function writeSpans(tracer: Tracer, name: string, attributes: Attributes, durationMs: number, error: string | null, left: PendingRequest, now: number): void {
  const span = tracer.startSpan(name, { kind: SpanKind.INTERNAL, startTime: now - durationMs, attributes }, context.active());
  for (const mark of left.marks) span.addEvent(mark.name, mark.attributes, mark.at);
  const parent = trace.setSpan(context.active(), span);
  for (const call of left.calls) {
    const { event } = call;
    const child = tracer.startSpan(
      SPAN.authCall(event.operation),
      {
        kind: SpanKind.CLIENT,
        startTime: call.endedAt - event.durationMs,
        attributes: {
          [ATTR.operation]: event.operation,
          [ATTR.result]: event.result,
          ...(event.status === undefined ? {} : { [ATTR.httpStatus]: event.status }),
          ...(call.cause === undefined ? {} : { [ATTR.cause]: call.cause }),
          ...(call.detail === undefined ? {} : { [ATTR.detail]: call.detail }),
        },
      },
      parent,
    );
    if (event.result === 'unavailable') child.setStatus({ code: SpanStatusCode.ERROR, message: call.cause ?? 'unavailable' });
    child.end(call.endedAt);
  }
  if (error !== null) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
  span.end(now);
}
