// The session state machine (DESIGN §3.3) as a pure function: (state, event, now) → next state and command.
import type { RefreshResult, RefreshVia } from '../refresh/refresh-result.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { AuthState, Session } from './session.js';
import type { SessionRead, TokenCheck, TokenSource } from './session-provider.js';

/** What happens to the auth cookies once the machine is done. */
export type SessionWrite = { readonly kind: 'keep' } | { readonly kind: 'clear' } | { readonly kind: 'write'; readonly session: Session };

/** Where a request's session stands. See docs/session-state-machine.md for the diagram. */
export type MachineState =
  | { readonly kind: 'reading' }
  /** `fresh`: far from expiry; `fallback`: inside the margin, kept after a transient refresh failure; `issued`: just refreshed. */
  | { readonly kind: 'checking'; readonly session: Session; readonly phase: 'fresh' | 'fallback' | 'issued' }
  /** `expired` decides what a transient failure means: keep going on the old token, or unavailable. */
  | { readonly kind: 'refreshing'; readonly session: Session; readonly expired: boolean }
  | { readonly kind: 'done'; readonly auth: AuthState; readonly write: SessionWrite };

export type MachineEvent =
  | { readonly type: 'read'; readonly read: SessionRead }
  | { readonly type: 'checked'; readonly check: TokenCheck }
  | { readonly type: 'refreshed'; readonly result: RefreshResult; readonly via: RefreshVia };

export type MachineCommand =
  | { readonly kind: 'check'; readonly session: Session; readonly source: TokenSource }
  | { readonly kind: 'refresh'; readonly session: Session }
  | { readonly kind: 'finish' };

/** The per-request inputs of every transition. */
export interface MachineContext {
  readonly now: number;
  readonly mode: VerifyMode;
  /** Seconds before expiry at which a session is refreshed, already clamped for this token (see `refreshMargin`). */
  readonly marginSeconds: number;
  /** The access token's expiry; may be earlier than the cookie's `expires_at`, which a user can edit. */
  readonly expiresAt: number;
  /** The `sub` of the cookie's access token (unverified): a refresh must stay with this user. */
  readonly subject?: string;
}

export interface Transition {
  readonly state: MachineState;
  readonly command: MachineCommand;
}

/**
 * One step of the machine. Total: an event that makes no sense in a state is a bug and throws.
 *
 * @example
 * let step = transition({ kind: 'reading' }, { type: 'read', read }, context);
 * // step.command is 'check' (fresh), 'refresh' (expiring or expired) or 'finish'.
 */
export function transition(state: MachineState, event: MachineEvent, ctx: MachineContext): Transition {
  if (state.kind === 'reading' && event.type === 'read') return onRead(event.read, ctx);
  if (state.kind === 'checking' && event.type === 'checked') return onChecked(state, event.check, ctx);
  if (state.kind === 'refreshing' && event.type === 'refreshed') return onRefreshed(state, event.result, ctx);
  throw new Error(`session machine: event ${event.type} in state ${state.kind}`);
}

function onRead(read: SessionRead, ctx: MachineContext): Transition {
  switch (read.kind) {
    case 'none':
      return done({ kind: 'anonymous', reason: 'no_session' }, { kind: 'keep' });
    case 'malformed':
      return done({ kind: 'anonymous', reason: 'malformed_cookie' }, { kind: 'clear' });
    case 'present': {
      const left = ctx.expiresAt - ctx.now;
      if (left > ctx.marginSeconds) {
        return { state: { kind: 'checking', session: read.session, phase: 'fresh' }, command: { kind: 'check', session: read.session, source: { kind: 'cookie', mode: ctx.mode } } };
      }
      return { state: { kind: 'refreshing', session: read.session, expired: left <= 0 }, command: { kind: 'refresh', session: read.session } };
    }
  }
}

function onRefreshed(state: Extract<MachineState, { kind: 'refreshing' }>, result: RefreshResult, ctx: MachineContext): Transition {
  switch (result.kind) {
    case 'refreshed':
      return { state: { kind: 'checking', session: result.session, phase: 'issued' }, command: { kind: 'check', session: result.session, source: { kind: 'issued' } } };
    case 'rejected':
      return done({ kind: 'anonymous', reason: result.reason }, { kind: 'clear' });
    case 'unavailable':
      // The auth server could not answer: never a sign-out. A token that still works carries the request.
      if (state.expired) return done({ kind: 'unavailable', cause: result.cause }, { kind: 'keep' });
      return { state: { kind: 'checking', session: state.session, phase: 'fallback' }, command: { kind: 'check', session: state.session, source: { kind: 'cookie', mode: ctx.mode } } };
  }
}

function onChecked(state: Extract<MachineState, { kind: 'checking' }>, check: TokenCheck, ctx: MachineContext): Transition {
  const issued = state.phase === 'issued';
  switch (check.kind) {
    case 'valid':
      // A refresh token planted next to someone's access token must not switch them into another account.
      if (issued && ctx.subject !== undefined && check.claims.sub !== ctx.subject) return done({ kind: 'anonymous', reason: 'user_mismatch' }, { kind: 'clear' });
      return done(
        { kind: 'authenticated', session: state.session, user: check.user, claims: check.claims, verifiedBy: ctx.mode, refreshed: issued },
        issued ? { kind: 'write', session: state.session } : { kind: 'keep' },
      );
    case 'rejected':
      return done({ kind: 'anonymous', reason: check.reason }, { kind: 'clear' });
    case 'unverified':
      // Not a verdict on the token: nothing is cleared, this request is simply not authenticated.
      return done({ kind: 'anonymous', reason: 'unverified_token' }, issued ? { kind: 'write', session: state.session } : { kind: 'keep' });
    case 'unavailable':
      // A session the server just issued is written even if it cannot be checked now: the old refresh token is spent.
      return done({ kind: 'unavailable', cause: check.cause }, issued ? { kind: 'write', session: state.session } : { kind: 'keep' });
  }
}

function done(auth: AuthState, write: SessionWrite): Transition {
  return { state: { kind: 'done', auth, write }, command: { kind: 'finish' } };
}

/**
 * The refresh margin for one token: the configured margin (120 s by default, above auth-js's 90 s
 * so a downstream supabase-js client never refreshes again), clamped to half the token's lifetime
 * so short-lived tokens are not refreshed on every request.
 */
export function refreshMargin(configured: number, timing: { readonly exp: number; readonly iat?: number } | null): number {
  if (timing?.iat === undefined) return configured;
  const lifetime = timing.exp - timing.iat;
  return lifetime > 0 ? Math.min(configured, Math.floor(lifetime / 2)) : configured;
}
