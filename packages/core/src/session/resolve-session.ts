// Runs the session machine for one request: reads, checks and refreshes through the provider and the coordinator.
import type { RequestCookie } from '../cookies/request-cookies.js';
import { emit, type EventHandler } from '../events.js';
import { checkOperation, checkReport, refreshReport } from '../trace/call-reports.js';
import { timedCall } from '../trace/timed-call.js';
import type { RefreshCoordinator } from '../refresh/refresh-coordinator.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { AuthState, Session } from './session.js';
import { refreshMargin, transition, type MachineEvent, type MachineState, type SessionWrite } from './session-machine.js';
import type { SessionProvider, TokenCheck, TokenSource } from './session-provider.js';

/** The long-lived collaborators, created once per app. */
export interface SessionEngine {
  readonly provider: SessionProvider;
  readonly coordinator: RefreshCoordinator;
  /** @default 120 */
  readonly refreshMarginSeconds: number;
  readonly onEvent?: EventHandler;
  /** Told when the auth server refused a session's refresh token for good (revocation marks its session id). */
  readonly onRefreshRefused?: (session: Session, now: number) => Promise<void>;
}

/** What the request's session resolved to, and what must happen to its cookies. */
export interface SessionResolution {
  readonly auth: AuthState;
  readonly write: SessionWrite;
}

// reading → (refreshing →) checking → done: at most three commands; more is a bug.
const MAX_STEPS = 4;

/**
 * Resolves the session in a request's cookies: at most one refresh (shared with concurrent
 * requests by the coordinator), one check in the route's verify mode, and events for each step.
 * `reportSignOut: false` leaves the `session.signed_out` event to a caller that weighs several
 * sessions and may keep the cookies after all (see `resolveSessionAmong`).
 *
 * @example
 * const { auth, write } = await resolveSession(engine, cookies, 'claims', now);
 */
export async function resolveSession(engine: SessionEngine, cookies: readonly RequestCookie[], mode: VerifyMode, now: number, reportSignOut = true): Promise<SessionResolution> {
  const { provider, coordinator, onEvent } = engine;
  const read = await provider.readSession(cookies, now);
  if (read.kind === 'malformed') emit(onEvent, { type: 'cookie.malformed', reason: read.reason });
  const timing = read.kind !== 'present' ? null : read.token !== undefined ? read.token : provider.peekToken(read.session.accessToken);
  const context = {
    now,
    mode,
    marginSeconds: refreshMargin(engine.refreshMarginSeconds, timing),
    // The token's own exp wins over the cookie's expires_at, which the user can edit.
    expiresAt: read.kind === 'present' ? Math.min(read.session.expiresAt, timing?.exp ?? Infinity) : 0,
    ...(timing === null ? {} : { subject: timing.sub }),
  };

  let state: MachineState = { kind: 'reading' };
  let event: MachineEvent = { type: 'read', read };
  // The fast path (nearly every request): a fresh session, checked once, valid, nothing to write.
  // The same steps the machine takes from `reading` (check in the route's mode; a valid check of a
  // cookie token is authenticated and keeps the cookies), without its intermediate objects; any
  // other answer continues in the machine exactly where that check leaves it.
  if (read.kind === 'present' && context.expiresAt - now > context.marginSeconds) {
    const source = cookieSource(mode);
    const check = await checkToken(onEvent, provider, read.session, source, now);
    reportCheck(onEvent, check, source, mode);
    if (check.kind === 'valid') {
      return { auth: { kind: 'authenticated', session: read.session, user: check.user, claims: check.claims, verifiedBy: mode, refreshed: false }, write: KEEP };
    }
    state = { kind: 'checking', session: read.session, phase: 'fresh' };
    event = { type: 'checked', check };
  }
  for (let step = 0; step < MAX_STEPS; step++) {
    const next = transition(state, event, context);
    state = next.state;
    const command = next.command;
    switch (command.kind) {
      case 'finish':
        if (state.kind !== 'done') break;
        if (reportSignOut) reportOutcome(onEvent, state.auth, state.write);
        return { auth: state.auth, write: state.write };
      case 'check': {
        const check = await checkToken(onEvent, provider, command.session, command.source, now);
        reportCheck(onEvent, check, command.source, mode);
        event = { type: 'checked', check };
        break;
      }
      case 'refresh': {
        const { result, via } = await coordinator.refresh(command.session.refreshToken, now, (at) => timedCall(onEvent, 'refresh', () => provider.refresh(command.session.refreshToken, at), refreshReport));
        if (result.kind === 'refreshed') {
          const userId = result.session.user?.id ?? '';
          emit(onEvent, { type: via === 'upstream' ? 'session.refreshed' : via === 'joined' ? 'session.refresh_joined' : 'session.successor_replayed', userId });
        } else if (result.kind === 'rejected' && via === 'upstream' && timing !== null && timing.exp - now <= context.marginSeconds) {
          // Only when the token itself was due: a stale cookie next to a live one (an edited `expires_at`,
          // another refresh token) is no evidence that the live session's family was revoked.
          await engine.onRefreshRefused?.(command.session, now);
        } else if (result.kind === 'unavailable') {
          emit(onEvent, { type: 'auth.unavailable', operation: 'refresh', cause: result.cause, ...(result.status === undefined ? {} : { status: result.status }), ...(result.detail === undefined ? {} : { detail: result.detail }) });
        }
        event = { type: 'refreshed', result, via };
        break;
      }
    }
  }
  throw new Error('session machine did not finish');
}

const KEEP: SessionWrite = Object.freeze({ kind: 'keep' });
const COOKIE_SOURCES: Readonly<Record<VerifyMode, TokenSource>> = Object.freeze({
  session: Object.freeze({ kind: 'cookie', mode: 'session' }),
  claims: Object.freeze({ kind: 'cookie', mode: 'claims' }),
  user: Object.freeze({ kind: 'cookie', mode: 'user' }),
});

/** The source of a cookie's token checked in `mode`: one shared object per mode. */
function cookieSource(mode: VerifyMode): TokenSource {
  return COOKIE_SOURCES[mode];
}

/** The events of one check: verified (cookie tokens), the auth server unavailable, over budget. */
/** A token check; with events on, a cookie token's check is timed as an auth-server call (`auth.call`). */
function checkToken(onEvent: EventHandler | undefined, provider: SessionProvider, session: Session, source: TokenSource, now: number): Promise<TokenCheck> {
  if (onEvent === undefined || source.kind !== 'cookie') return provider.check(session, source, now);
  return timedCall(onEvent, checkOperation(source.mode), () => provider.check(session, source, now), checkReport(source.mode));
}

function reportCheck(onEvent: EventHandler | undefined, check: TokenCheck, source: TokenSource, mode: VerifyMode): void {
  if (onEvent === undefined) return;
  if (check.kind === 'valid' && source.kind === 'cookie') {
    emit(onEvent, { type: 'session.verified', mode: source.mode, cached: check.cached, userId: check.user.id });
  }
  if (check.kind === 'unavailable') {
    emit(onEvent, { type: 'auth.unavailable', operation: mode === 'user' ? 'user' : 'jwks', cause: check.cause, ...(check.status === undefined ? {} : { status: check.status }), ...(check.detail === undefined ? {} : { detail: check.detail }) });
  }
  if (check.kind === 'unverified') emit(onEvent, { type: 'verify.over_budget', mode });
}

/** Emits `session.signed_out` when a resolution signs the user out (anonymous and cleared). */
export function reportOutcome(onEvent: EventHandler | undefined, auth: AuthState, write: SessionWrite): void {
  if (auth.kind === 'anonymous' && write.kind === 'clear') emit(onEvent, { type: 'session.signed_out', reason: auth.reason });
}
