// What every adapter does with what the app hands it: an instance as is, or options built into one
// with the framework's router semantics as defaults; and the capability a helper needs, or a clear error.
import { LockstepError } from '../errors.js';
import type { Lockstep, LockstepEffects } from '../lockstep.js';
import { createLockstep } from '../lockstep.js';
import type { LockstepBaseOptions, LockstepOptions } from '../options.js';

/** How the framework's router reads paths: the defaults an adapter gives `caseSensitive` and `trailingSlash`. */
export type RouterSemantics = Pick<LockstepBaseOptions, 'caseSensitive' | 'trailingSlash'>;

/** Whether a value is a Lockstep instance rather than options. */
export function isLockstep(value: unknown): value is Lockstep {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Lockstep>).handle === 'function' && typeof (value as Partial<Lockstep>).guard === 'function';
}

/**
 * The instance an adapter runs: the one given, or one built from the options with the router's
 * semantics as defaults (the app's own settings win). Misconfiguration throws here, at boot.
 */
export function instanceFrom(source: LockstepOptions | Lockstep, router: RouterSemantics, effects?: LockstepEffects): Lockstep {
  if (isLockstep(source)) return source;
  if (typeof source !== 'object' || source === null) throw new LockstepError('ERR_CONFIG_INVALID', 'Lockstep needs an options object or an instance from createLockstep.');
  return createLockstep({ ...router, ...source }, effects);
}

type Capabilities = Required<Pick<Lockstep, 'signInWithPassword' | 'exchangeCode' | 'verifyFactor' | 'dataClient'>>;

/**
 * One of the instance's provider-dependent operations, for adapter helpers that receive a general
 * `Lockstep`: throws `ERR_PROVIDER_UNSUPPORTED` when the provider cannot do it (with a typed
 * instance, calling it is a type error instead).
 */
export function capabilityOf<K extends keyof Capabilities>(instance: Lockstep, name: K): Capabilities[K] {
  const operation = instance[name];
  if (typeof operation !== 'function') throw new LockstepError('ERR_PROVIDER_UNSUPPORTED', `This instance's provider has no ${name}.`);
  return operation as Capabilities[K];
}
