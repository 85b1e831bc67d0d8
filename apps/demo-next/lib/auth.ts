// The demo's server helpers (Server Components, Route Handlers, Server Actions), and the MFA page's server parts.
import { createLockstep, type Lockstep } from '@lockstep/core';
import { totpFactors, type TotpFactors } from '@lockstep/demo-kit/assurance';
import { createServerAuth } from '@lockstep/next/server';
import { withSupabase } from '@lockstep/supabase';
import { demoEffects, lockstepOptions, now } from '../lockstep.config';

interface ServerParts {
  readonly lockstep: Lockstep;
  readonly totp: TotpFactors;
}

let parts: ServerParts | undefined;

/** Built at the first request, not at import (`next build` imports this without the environment). */
export function serverParts(): ServerParts {
  if (parts !== undefined) return parts;
  const options = lockstepOptions();
  // `caseSensitive`: Next's router is (the adapter adds it only to options it builds an instance from).
  const engine = withSupabase({ caseSensitive: true, ...options });
  const lockstep = createLockstep(engine, demoEffects);
  parts = { lockstep, totp: totpFactors({ url: options.supabaseUrl, key: options.supabaseKey }) };
  return parts;
}

export const auth = createServerAuth(() => serverParts().lockstep, demoEffects);

/** The demo clock (Unix seconds): the one Lockstep decides on. */
export const demoClock: () => number = now;
