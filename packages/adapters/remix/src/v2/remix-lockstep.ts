// Remix v2 (no middleware): the session read inside loaders and actions, once per request, with the headers that must go out.
import { capabilityOf, instanceFrom, toWebResponse, type Lockstep, type LockstepEffects, type Outcome, type PasswordSignIn, type SignInResult, type SignOutResult, type SignOutScope } from '@lockstep/core';
import { authView, forwardedRequest, guardCheckOptions, guardResponse, outcomeHeaders, unhandledOutcome, type AuthView, type GuardCheck, type RequiredUser } from '@lockstep/core/adapter';
import { fromSetup, type LockstepSetup } from '@lockstep/supabase';
import { coreRequest, kindHint, type RouterRequestArgs } from '../request-target.js';
import { mergeOutcome, type Merged } from '../response-headers.js';

/** The session as a loader or action sees it. */
export interface LoaderSession extends AuthView {
  /** Set-Cookie and no-store headers that must reach the browser (empty when nothing changed). */
  readonly headers: Headers;
  /** The request with the `Cookie` header downstream code must see (the refreshed session). */
  readonly request: Request;
  /**
   * Attaches `headers` to what the loader returns or throws: a `Response` (`json()`, `redirect()`,
   * copied when its headers are immutable), a `data()` result, or a plain value (made a JSON Response).
   */
  merge<T>(result: T): Merged<T>;
}

/** Loader/action arguments, as Remix v2 (and React Router) pass them. */
export interface DataArgs extends RouterRequestArgs {
  /** The load context; when it holds `loadContext()`'s slot, every loader of the request shares one decision. */
  readonly context?: unknown;
}

/** The per-request slot `loadContext()` creates. */
interface DecisionSlot {
  pending: Promise<Outcome> | undefined;
}

/** The Remix v2 integration, bound to one Lockstep instance. */
export interface RemixLockstep {
  readonly lockstep: Lockstep;
  /**
   * A fresh per-request object to spread into what `getLoadContext` returns. Remix v2 hands each
   * loader its own copy of the Request, so without it loaders cannot tell they serve one request:
   * they still cause at most one upstream refresh (the core joins them), but each re-verifies.
   *
   * @example
   * createRequestHandler({ build, getLoadContext: () => ({ ...auth.loadContext() }) });
   */
  loadContext(): Readonly<Record<symbol, unknown>>;
  /**
   * Reads the request's session: the route rules apply (a denial is thrown as the login redirect or
   * 401/503 response, cookies attached), an expired session is refreshed (at most one upstream
   * refresh per request: calls are memoized per Request and the core joins concurrent ones).
   */
  session(args: DataArgs): Promise<LoaderSession>;
  /**
   * Wraps a loader or action so the headers cannot be forgotten: the session is the second
   * argument, and the cookies go onto whatever the function returns or throws.
   */
  withSession<A extends DataArgs, R>(fn: (args: A, session: LoaderSession) => R | Promise<R>): (args: A) => Promise<Merged<R>>;
  /**
   * Requires a verified user (re-verified in `mode`, the rule's default when absent); otherwise
   * throws the login redirect (documents) or 401 JSON (data requests), with the cookies attached.
   */
  requireUser(args: DataArgs, check?: GuardCheck): Promise<LoaderSession & RequiredUser>;
  /** Password sign-in; on success return `toWebResponse(result.redirect)`: it carries the cookies. */
  signInWithPassword(args: DataArgs, credentials: PasswordSignIn): Promise<SignInResult>;
  /** The OAuth / magic-link callback (`?code=`). */
  exchangeCode(args: DataArgs): Promise<SignInResult>;
  /** Signs out (`local` by default); render `result.redirect`, which clears the cookies. */
  signOut(args: DataArgs, scope?: SignOutScope): Promise<SignOutResult>;
}

/**
 * Creates the Remix v2 helpers. Build it once at startup (misconfiguration throws here; the
 * instance's caches make concurrent refreshes single-flight), in a `.server` module.
 *
 * @example
 * // app/auth.server.ts
 * export const auth = createRemixLockstep({ supabaseUrl, supabaseKey, routes });
 * // app/routes/dashboard.tsx
 * export const loader = auth.withSession(async ({ request }, { user }) => json({ email: user?.email }));
 * export const headers = lockstepHeaders;
 */
export function createRemixLockstep(options: LockstepSetup, effects?: LockstepEffects): RemixLockstep {
  const instance = instanceFrom(fromSetup(options), { caseSensitive: false }, effects); // Remix's matcher ignores case
  // One decision per request: per load-context slot when the app wired loadContext(), else per Request object.
  const slotKey = Symbol('lockstep.remix.request');
  const decided = new WeakMap<Request, Promise<Outcome>>();

  const decide = (args: DataArgs): Promise<Outcome> => {
    const slot = slotOf(args.context, slotKey);
    const known = slot === undefined ? decided.get(args.request) : slot.pending;
    if (known !== undefined) return known;
    const pending = instance.handle(coreRequest(args), kindHint(args));
    if (slot === undefined) decided.set(args.request, pending);
    else slot.pending = pending;
    return pending;
  };

  const session = async (args: DataArgs): Promise<LoaderSession> => {
    const outcome = await decide(args);
    switch (outcome.kind) {
      case 'redirect':
      case 'respond':
        throw toWebResponse(outcome);
      case 'continue':
        return {
          ...authView(outcome.auth),
          headers: outcomeHeaders(outcome),
          request: forwardedRequest(args.request, outcome),
          merge: (result) => mergeOutcome(result, outcome),
        };
      default:
        return unhandledOutcome(outcome);
    }
  };

  return Object.freeze({
    lockstep: instance,
    loadContext: () => ({ [slotKey]: { pending: undefined } satisfies DecisionSlot }),
    session,
    withSession<A extends DataArgs, R>(fn: (args: A, loaderSession: LoaderSession) => R | Promise<R>) {
      return async (args: A): Promise<Merged<R>> => {
        const current = await session(args);
        try {
          return current.merge(await fn({ ...args, request: current.request }, current));
        } catch (thrown) {
          // Thrown responses (`throw redirect()`, `throw json()`) short-circuit: they need the cookies too.
          throw thrown instanceof Response ? current.merge(thrown) : thrown;
        }
      };
    },
    async requireUser(args: DataArgs, check?: GuardCheck) {
      const current = await session(args);
      const result = guardResponse(await instance.guard(coreRequest({ ...args, request: current.request }), { ...guardCheckOptions(check), hint: kindHint(args) }));
      if (result.kind === 'denied') throw current.merge(result.response);
      return { ...current, ...authView(result.auth) };
    },
    signInWithPassword: (args: DataArgs, credentials: PasswordSignIn) => capabilityOf(instance, 'signInWithPassword')(args.request, credentials),
    exchangeCode: (args: DataArgs) => capabilityOf(instance, 'exchangeCode')(args.request),
    signOut: (args: DataArgs, scope?: SignOutScope) => instance.signOut(args.request, scope === undefined ? {} : { scope }),
  });
}

function slotOf(context: unknown, key: symbol): DecisionSlot | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  return (context as Record<symbol, DecisionSlot | undefined>)[key];
}

