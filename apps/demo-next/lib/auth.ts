// The demo's server helpers (Server Components, Route Handlers, Server Actions).
import { createServerAuth } from '@lockstep/next/server';
import { lockstepOptions } from '../lockstep.config';

export const auth = createServerAuth(lockstepOptions);
