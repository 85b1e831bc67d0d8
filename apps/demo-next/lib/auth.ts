// The demo's server helpers (Server Components, Route Handlers, Server Actions), and the MFA page's server parts.
import { createLockstep, type Lockstep } from '@lockstep/core';
import { captureProvider, totpFactors, type IssuedSessions, type TotpFactors } from '@lockstep/demo-kit/assurance';
import { createServerAuth } from '@lockstep/next/server';
import { withSupabase } from '@lockstep/supabase';
import { demoEffects, lockstepOptions, now } from '../lockstep.config';

interface ServerParts {
  readonly lockstep: Lockstep;
  /** Writes a session the app obtained itself (the MFA verify's raised session) with the instance's own provider. */
  readonly sessions: IssuedSessions;
  readonly totp: TotpFactors;
}

let parts: ServerParts | undefined;

/**
 * Built at the first request, not at import (`next build` imports this without the environment).
 * The instance gets its provider through `captureProvider`, so an issued session is written with
 * the same cookie name, encoding and chunking as the instance's own writes.
 */
export function serverParts(): ServerParts {
  if (parts !== undefined) return parts;
  const options = lockstepOptions();
  // `caseSensitive`: Next's router is (the adapter adds it only to options it builds an instance from).
  const engine = withSupabase({ caseSensitive: true, ...options });
  const issued = captureProvider(engine.provider, now);
  const lockstep = createLockstep({ ...engine, provider: issued.factory }, demoEffects);
  parts = { lockstep, sessions: issued.sessions, totp: totpFactors({ url: options.supabaseUrl, key: options.supabaseKey }) };
  return parts;
}

export const auth = createServerAuth(() => serverParts().lockstep, demoEffects);

/** The demo clock (Unix seconds): the one Lockstep decides on. */
export const demoClock: () => number = now;
