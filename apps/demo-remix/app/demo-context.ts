// What the server hands the app per request: the Lockstep instance and the demo's collaborators (typed context key).
import type { Lockstep } from '@lockstep/core';
import { createContext } from 'react-router';
import type { EventLog } from '../src/event-log.js';

/** Built once at start by `startDemo()` and put into every request's context by `getLoadContext`. */
export interface DemoDeps {
  readonly lockstep: Lockstep;
  readonly events: EventLog;
  /** Unix seconds on the demo's clock (the mock's, in mock mode). */
  readonly now: () => number;
  /** The seeded user in mock mode, shown on the login page. */
  readonly demoUser?: { readonly email: string; readonly password: string };
}

export const demoContext = createContext<DemoDeps>();
