// The process's revocation list, shared by the demo's Lockstep instances. The proxy, the Route Handlers and the
// Server Components are separate bundles of the same `next start` process, each with its own instance: a
// sign-out in the /logout handler must reach the proxy's instance too, so the store lives on `globalThis`.
import type { RevocationStore } from '@lockstep/core';
import { createMemoryRevocationStore } from '@lockstep/core/revocation';
import { demoNow } from './clock-file';

const KEY = Symbol.for('@lockstep/demo-next/revocations');
const holder = globalThis as { [KEY]?: RevocationStore };

/** One in-memory store for every instance of this process (several processes would need `@lockstep/redis-store`). */
export const demoRevocations: RevocationStore = (holder[KEY] ??= createMemoryRevocationStore({ now: demoNow() }));
