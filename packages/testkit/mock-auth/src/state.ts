// The state of one mock instance, shared by its handlers and controls.
import type { ControllableClock } from './clock.js';
import type { FaultInjector } from './faults.js';
import type { KeyedMutex } from './keyed-mutex.js';
import type { KeyMaterial } from './keys.js';
import type { ResolvedOptions } from './options.js';
import type { MockAuthSettings } from './settings.js';
import type { Store } from './store.js';

/** Everything a handler may read or change. */
export interface MockAuthState {
  readonly options: ResolvedOptions;
  readonly settings: MockAuthSettings;
  readonly store: Store;
  readonly keys: KeyMaterial;
  readonly clock: ControllableClock;
  readonly faults: FaultInjector;
  readonly refreshLocks: KeyedMutex;
  /** Project URL, e.g. `http://127.0.0.1:54321` (no trailing slash). */
  readonly url: string;
  /** `${publicUrl}/auth/v1`: the JWT `iss` and the base of every link the mock hands out. */
  readonly issuer: string;
}
