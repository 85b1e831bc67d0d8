// Structured events with stable reason codes (DESIGN §3.8). Never a token or cookie value.
import type { RouteAccess, VerifyMode } from './routes/route-rule.js';
import type { RequirementName } from './assurance/unmet-requirement.js';
import type { RequestKind } from './request/request-kind.js';
import type { AnonymousReason, UnavailableCause } from './session/session.js';

/** Auth-server operations an event can name. */
export type AuthOperation = 'refresh' | 'user' | 'jwks' | 'logout' | 'exchange';

/** How the session of a request was had: checked only (`cached` or not), renewed by this request, or neither. */
export type SessionSource = 'none' | 'verified' | 'cached' | 'refreshed' | 'joined' | 'replayed';

/**
 * One request's decision in a line of data: what the `Lockstep-Debug` header and a tracing span show.
 * `rule` is the matched rule's label (`rules[2] /admin/**`, an implicit rule, or `default`), never
 * the request's path; `reason` is a stable code (`authenticated`, an anonymous reason, an
 * unavailable cause, or the redirect's reason).
 */
export interface RequestDecision {
  readonly rule: string;
  readonly access: RouteAccess | 'none';
  readonly verify: VerifyMode | 'none';
  readonly session: SessionSource;
  readonly outcome: 'continue' | 'redirect' | 'respond';
  readonly status: number;
  readonly reason: string;
}

/**
 * Everything the core decides, as data. `userId` is the token subject (not a secret);
 * `path` is the canonical request path. Events emitted while one `handle`/`guard` call runs carry
 * that call's `requestId` (see `EventCorrelation`); instance-wide ones (`config.warning`,
 * `refresh.store_unavailable`) carry none.
 */
export type LockstepEvent = LockstepEventBody & EventCorrelation;

/**
 * `requestId`: the same value on every event of one request, and forwarded by the middleware to
 * the server guards of the same request (header `lockstep-request-id`), so a refresh can be
 * followed from the middleware to the page's guard. Set only while an `onEvent` hook or debug
 * mode is on. A random id, never derived from a token or cookie.
 */
export interface EventCorrelation {
  readonly requestId?: string;
}

/** The events without their correlation (what the core's code emits; the request's emitter adds it). */
export type LockstepEventBody =
  | { readonly type: 'session.verified'; readonly mode: VerifyMode; readonly cached: boolean; readonly userId: string }
  | { readonly type: 'session.refreshed'; readonly userId: string }
  /** This request waited for a refresh another request had already started. */
  | { readonly type: 'session.refresh_joined'; readonly userId: string }
  /** A spent refresh token was answered with its successor from the cache, without the auth server. */
  | { readonly type: 'session.successor_replayed'; readonly userId: string }
  | { readonly type: 'session.signed_in'; readonly userId: string }
  | { readonly type: 'session.signed_out'; readonly reason: AnonymousReason }
  | { readonly type: 'cookie.malformed'; readonly reason: string }
  /**
   * The request carried the session cookie more than once (a cookie planted by a sibling subdomain
   * or for a narrower path, or a stale copy): `sessions` distinct readable sessions were weighed.
   */
  | { readonly type: 'cookie.duplicate'; readonly sessions: number }
  | {
      readonly type: 'auth.unavailable';
      readonly operation: AuthOperation;
      readonly cause: UnavailableCause;
      readonly status?: number;
      /** For `network`: a stable code for why (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`, `BAD_PORT`, …), never a secret. */
      readonly detail?: string;
    }
  | {
      readonly type: 'route.denied';
      readonly path: string;
      readonly access: RouteAccess;
      readonly requestKind: RequestKind;
      /** `step_up` / `forbidden`: signed in, but a route requirement failed (named in `requirement`). */
      readonly response: 'redirect' | 'unauthorized' | 'unavailable' | 'step_up' | 'forbidden';
      readonly requirement?: RequirementName;
    }
  | { readonly type: 'route.malformed'; readonly reason: string }
  /**
   * A token no local key could verify was not sent to the auth server: the instance's budget for
   * such checks was spent (a flood of forged tokens, or a budget too small for an HS256 project
   * without its secret configured). The request was anonymous; nothing was cleared.
   */
  | { readonly type: 'verify.over_budget'; readonly mode: VerifyMode }
  /**
   * Emitted once, at construction, for a configuration Lockstep cannot fully check.
   * `opaque_rule_before_protected`: the non-protected rule at index `rule` matches with a RegExp or a
   * predicate and comes before protected rules; no shadowing check can tell which paths it lets through.
   */
  | { readonly type: 'config.warning'; readonly code: 'opaque_rule_before_protected'; readonly rule: number }
  /** `debug` was set while `NODE_ENV` is `production`: the debug header stays off (see the `debug` option). */
  | { readonly type: 'config.warning'; readonly code: 'debug_ignored_in_production' }
  /** The shared refresh store failed; coordination fell back to this process. `code` is the error's stable code, if it has one. */
  | { readonly type: 'refresh.store_unavailable'; readonly code?: string }
  /**
   * The revocation store cannot keep this instance's view current (or did not take an entry): revocations
   * made elsewhere may be missed. `policy` says what the instance does meanwhile: `open` verifies
   * `claims` routes locally with the entries it has, `closed` verifies them with the auth server.
   */
  | { readonly type: 'revocation.store_unavailable'; readonly policy: 'open' | 'closed'; readonly code?: string }
  /** The revocation store is current again (after `revocation.store_unavailable`). */
  | { readonly type: 'revocation.store_available' }
  /**
   * A call this request made to the auth server, timed around the provider operation: `refresh`
   * (only by the request that ran it: joined and replayed requests made none), `user` (a `user`-mode
   * check the verified-token cache did not answer), `logout`, and `jwks` when the key set could not
   * be had. `status` when the answer had one; `durationMs` from a monotonic clock.
   */
  | { readonly type: 'auth.call'; readonly operation: AuthOperation; readonly result: 'ok' | 'rejected' | 'unavailable'; readonly durationMs: number; readonly status?: number }
  /** The middleware's decision for one request (emitted last, once per `handle`). */
  | ({ readonly type: 'request.decided'; readonly durationMs: number } & RequestDecision)
  /** A server guard's decision (`guard`/`verifyRequest`): `mode` as checked, `reason` as in `RequestDecision`. */
  | { readonly type: 'guard.decided'; readonly mode: VerifyMode; readonly allowed: boolean; readonly reason: string; readonly durationMs: number };

/** Receives events. It must not throw; a throwing hook is caught and ignored so auth never fails on logging. */
export type EventHandler = (event: LockstepEvent) => void;

/** Calls the handler, shielding the request from a hook that throws. */
export function emit(handler: EventHandler | undefined, event: LockstepEventBody): void {
  if (handler === undefined) return;
  try {
    handler(event);
  } catch {
    // A broken observer must never turn into a failed or unauthenticated request.
  }
}
