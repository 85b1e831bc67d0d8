// What the pages show about a signed-in request, gathered once per request as plain data.
import { DEFAULTS, type AuthState } from '@lockstep/core';
import type { LoggedEvent } from '@lockstep/demo-kit';

/** The signed-in state of one request, ready to render. */
export interface SessionView {
  readonly auth: Extract<AuthState, { kind: 'authenticated' }>;
  /** The demo's clock (Unix seconds) when the page was rendered. */
  readonly now: number;
  /** Access-token expiry, Unix seconds. */
  readonly expiresAt: number;
  /** When the middleware will renew the session (expiry minus the refresh margin). */
  readonly refreshAt: number;
  readonly events: readonly LoggedEvent[];
}

/**
 * Builds the view. The refresh point mirrors the core's rule (the default margin, clamped to half
 * the token's lifetime) for display only: the core does not expose it, and decides on its own.
 */
export function toSessionView(auth: Extract<AuthState, { kind: 'authenticated' }>, now: number, events: readonly LoggedEvent[]): SessionView {
  const { exp, iat } = auth.claims;
  const lifetime = iat === undefined ? Infinity : exp - iat;
  const margin = lifetime > 0 ? Math.min(DEFAULTS.refreshMarginSeconds, Math.floor(lifetime / 2)) : DEFAULTS.refreshMarginSeconds;
  return { auth, now, expiresAt: exp, refreshAt: exp - margin, events };
}
