// What the protected pages show about the session, gathered once per render as plain data.
import { DEFAULTS, type VerifyMode } from '@lockstep/core';
import type { Authenticated } from '@lockstep/next/server';
import { demoClock } from './auth';
import { demoEvents, type LoggedEvent } from './event-log';
import { displayNameOf } from './profiles';

const EVENTS_SHOWN = 12;

/** The signed-in state of one render, ready to show. */
export interface SessionView {
  readonly email: string;
  readonly userId: string;
  readonly displayName: string | null;
  readonly verifiedBy: VerifyMode;
  /** The demo's clock (Unix seconds) at render time. */
  readonly now: number;
  /** Access-token expiry, Unix seconds. */
  readonly expiresAt: number;
  /** When the proxy will renew the session (expiry minus the refresh margin). */
  readonly refreshAt: number;
  readonly lifetime: number | null;
  readonly events: readonly LoggedEvent[];
}

/**
 * Builds the view. The refresh point mirrors the core's rule (the default margin, clamped to half
 * the token's lifetime) for display only: the core decides on its own.
 */
export function sessionView(auth: Authenticated): SessionView {
  const { exp, iat } = auth.claims;
  const lifetime = iat === undefined ? null : exp - iat;
  const margin = lifetime !== null && lifetime > 0 ? Math.min(DEFAULTS.refreshMarginSeconds, Math.floor(lifetime / 2)) : DEFAULTS.refreshMarginSeconds;
  return {
    email: auth.user.email ?? '(no email)',
    userId: auth.user.id,
    displayName: displayNameOf(auth.user.id) ?? null,
    verifiedBy: auth.verifiedBy,
    now: Math.floor(demoClock()),
    expiresAt: exp,
    refreshAt: exp - margin,
    lifetime,
    events: demoEvents.recentFor(auth.user.id, EVENTS_SHOWN),
  };
}
