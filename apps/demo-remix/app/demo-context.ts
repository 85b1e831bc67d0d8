// What the server hands the app per request: the Lockstep instance and the demo's collaborators (typed context key).
import type { DemoDeps } from '@lockstep/demo-kit';
import { createContext } from 'react-router';

/** The key of the `DemoDeps` that `startDemo()` builds once at start and puts into every request's context. */
export const demoContext = createContext<DemoDeps>();
