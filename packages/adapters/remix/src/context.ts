// The typed per-request context the middleware fills (STYLE §8): the auth state under a React Router context key.
import { LockstepError, type AuthState, type Lockstep } from '@lockstep/core';
import { authView, type AuthView, type HeaderChange } from '@lockstep/core/adapter';
import { createContext, type RouterContextProvider } from 'react-router';

/**
 * The request's auth state, as `lockstepMiddleware()` established it (after at most one refresh).
 * Read it with `context.get(lockstepContext)` or `getAuth(context)` in loaders, actions and later middleware.
 */
export const lockstepContext = createContext<AuthState>();

/** What the middleware hands the helpers further down: the instance and the request headers downstream code must see. */
export interface LockstepHandoff {
  readonly instance: Lockstep;
  /** The request's `Cookie` header after any refresh (DESIGN §3.7) and its correlation id; empty when nothing changed. */
  readonly changes: readonly HeaderChange[];
}

/** Internal: the instance and forwarded cookies, for `requireUser()` and the auth helpers. */
export const handoffContext = createContext<LockstepHandoff>();

/**
 * The auth state the middleware put on the context, with the user, claims and session spelled out.
 * Misuse (no `lockstepMiddleware()` above this route) throws `ERR_CONFIG_INVALID`.
 *
 * @example
 * export async function loader({ context }: Route.LoaderArgs) {
 *   const { user } = getAuth(context);
 *   return { email: user?.email ?? null };
 * }
 */
export function getAuth(context: Readonly<RouterContextProvider>): AuthView {
  return authView(readContext(context, lockstepContext));
}

/** The middleware's handoff; throws a `LockstepError` naming the fix when the middleware is missing. */
export function handoffOf(context: Readonly<RouterContextProvider>): LockstepHandoff {
  return readContext(context, handoffContext);
}

function readContext<T>(context: Readonly<RouterContextProvider>, key: ReturnType<typeof createContext<T>>): T {
  try {
    return context.get(key);
  } catch (cause) {
    // React Router throws "No value found for context" when no middleware set the key.
    throw new LockstepError('ERR_CONFIG_INVALID', 'This helper runs behind lockstepMiddleware(); export it from the root route (`export const middleware = [lockstepMiddleware(...)]`).', { cause });
  }
}
