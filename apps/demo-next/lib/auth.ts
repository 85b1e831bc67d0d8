// The demo's server helpers (Server Components, Route Handlers, Server Actions).
import { createServerAuth } from '@lockstep/next/server';
import { demoEffects, lockstepOptions, now } from '../lockstep.config';

export const auth = createServerAuth(lockstepOptions, demoEffects);

/** The demo clock (Unix seconds): the one Lockstep decides on. */
export const demoClock: () => number = now;
