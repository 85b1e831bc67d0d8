// The server helpers, for Server Components, Route Handlers and Server Actions.
import { createServerAuth } from '@lockstep/next/server';
import { lockstepOptions } from './lockstep-options';

export const auth = createServerAuth(lockstepOptions);
