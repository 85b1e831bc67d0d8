// createLockstep: options resolved once, collaborators built once, one operation per request.
import { createContext, type LockstepEffects } from './instance/create-context.js';
import { exchangeCode } from './instance/exchange-code.js';
import { guardRequest, type GuardOptions, type GuardResult } from './instance/guard-request.js';
import { handleRequest } from './instance/handle-request.js';
import type { LockstepConfig } from './instance/lockstep-context.js';
import { signInWithPassword, type PasswordSignIn, type SignInResult } from './instance/sign-in.js';
import { signOut, type SignOutResult } from './instance/sign-out.js';
import { verifyFactor, type FactorProof } from './instance/verify-factor.js';
import { verifyRequest } from './instance/verify-request.js';
import type { LockstepOptions } from './options.js';
import type { Outcome } from './outcome.js';
import type { RequestKindHint } from './request/request-kind.js';
import type { RequestLike } from './request/request-record.js';
import type { RouteExplanation } from './routes/route-policy.js';
import type { VerifyMode } from './routes/route-rule.js';
import type { AuthState } from './session/session.js';
import type { SessionProvider, SignOutScope } from './session/session-provider.js';
import { LockstepError } from './errors.js';
import { traceGuard } from './trace/guard-trace.js';

export type { LockstepConfig } from './instance/lockstep-context.js';
export type { LockstepEffects } from './instance/create-context.js';

/** What every instance can do, whatever its provider. */
export interface LockstepCore {
  /**
   * The middleware entry: decides the request and returns the one outcome the adapter renders.
   * Never throws for anything a request can contain.
   */
  handle(request: RequestLike, hint?: RequestKindHint): Promise<Outcome>;
  /**
   * The server-side guard (docs/security.md, defense in depth): re-checks the session in the
   * request's cookies (as the middleware forwarded them) in the given mode. Never refreshes and never
   * writes cookies, so it is safe where cookies cannot be set (e.g. a Server Component); an expired
   * session is anonymous.
   */
  verifyRequest(request: RequestLike, mode?: VerifyMode): Promise<AuthState>;
  /**
   * `verifyRequest` plus the response to send when there is no session (login redirect, 401 JSON,
   * or 503), decided exactly as the middleware decides it. For guards in handlers and loaders.
   */
  guard(request: RequestLike, options?: GuardOptions): Promise<GuardResult>;
  /** Ends the session at the auth server (when it can and is reachable) and clears the cookies (always, but for `others`). */
  signOut(request: RequestLike, options?: { readonly scope?: SignOutScope }): Promise<SignOutResult>;
  /**
   * Revokes every access token of a session (its `session_id` claim) on every verifying route and
   * guard of every instance sharing the revocation store, until the longest token could expire.
   * For webhooks and admin tools; it does not end the session at the auth server (docs/revocation.md).
   * Resolves once the store holds it; rejects with `ERR_REVOCATION_UNAVAILABLE` if it could not (this
   * instance refuses the session anyway; retry), with `ERR_REQUEST_INVALID` for an id that is not 1
   * to 256 printable characters.
   */
  revokeSession(sessionId: string): Promise<void>;
  /**
   * Revokes every access token of a user (`sub`) issued up to now, as `revokeSession` does. A token
   * issued later (a new sign-in, or a refresh the auth server still grants) is not revoked: to ban
   * a user, ban them at the auth server too.
   */
  revokeUser(userId: string): Promise<void>;
  /** Which route rule decides a path, and why: for debugging configuration. */
  explain(path: string): RouteExplanation;
  /** The resolved settings adapters need (no secrets). */
  readonly config: LockstepConfig;
}

/** Password sign-in, on providers that have it. */
export interface PasswordCapability {
  /** Password sign-in; on success the redirect carries the session cookies. */
  signInWithPassword(request: RequestLike, credentials: PasswordSignIn): Promise<SignInResult>;
}

/** The sign-in callback, on providers that have one (OAuth, magic links, OIDC). */
export interface CallbackCapability {
  /** The OAuth / magic-link callback: exchanges `?code=` with the PKCE verifier cookie. */
  exchangeCode(request: RequestLike): Promise<SignInResult>;
}

/** A client of the backend's data API acting as the verified user, on providers that have one. */
export interface FactorCapability {
  /**
   * MFA step-up: verifies a second factor for the signed-in session and, on success, redirects to
   * the return-to with the raised (`aal2`) session's cookies.
   */
  verifyFactor(request: RequestLike, proof: FactorProof): Promise<SignInResult>;
}

export interface DataClientCapability<C> {
  /** For Supabase, a supabase-js client under RLS as the verified user; it never refreshes or writes cookies. */
  dataClient(auth: Extract<AuthState, { kind: 'authenticated' }>): C;
}

/** The capability interfaces a provider type gives: present when the provider's method is, optional when it may be. */
type Capabilities<P extends SessionProvider> =
  Capability<P, 'signInWithPassword', PasswordCapability> &
  Capability<P, 'completeCallback', CallbackCapability> &
  Capability<P, 'verifyFactor', FactorCapability> &
  (P extends { dataClient(accessToken: string): infer C } ? DataClientCapability<C> : Capability<P, 'dataClient', DataClientCapability<unknown>>);

type Capability<P, K extends keyof SessionProvider, C> = K extends keyof P ? (undefined extends P[K] ? Partial<C> : C) : Record<never, never>;

/**
 * One configured Lockstep: create it once per app (it holds the caches) and call it per request.
 * Its type follows its provider: `signInWithPassword`, `exchangeCode` and `dataClient` exist when
 * the provider can do them (with the general `SessionProvider` type they are optional).
 */
export type Lockstep<P extends SessionProvider = SessionProvider> = LockstepCore & Capabilities<P>;

/**
 * Creates a Lockstep instance. Misconfiguration throws a `LockstepError` with an `ERR_CONFIG_*`
 * code here, at boot, not on a user's request.
 *
 * @example
 * import { createLockstep } from '@lockstep/core';
 * import { supabase } from '@lockstep/supabase';
 *
 * const lockstep = createLockstep({
 *   provider: supabase({ supabaseUrl: process.env.SUPABASE_URL!, supabaseKey: process.env.SUPABASE_ANON_KEY! }),
 *   routes: [
 *     { match: ['/', '/api/health'], access: 'public' },
 *     { match: '/admin/**', access: 'protected', verify: 'user' },
 *   ],
 * });
 * const outcome = await lockstep.handle(request);
 */
export function createLockstep<P extends SessionProvider>(options: LockstepOptions<P>, effects: LockstepEffects = {}): Lockstep<P> {
  const ctx = createContext(options, effects);
  const provider = ctx.provider;
  const instance: LockstepCore & Partial<PasswordCapability & CallbackCapability & FactorCapability & DataClientCapability<unknown>> = {
    handle: (request: RequestLike, hint?: RequestKindHint) => handleRequest(ctx, request, hint),
    verifyRequest: (request: RequestLike, mode?: VerifyMode) => verifyRequest(ctx, request, mode),
    guard: (request: RequestLike, guardOptions?: GuardOptions) => traceGuard(ctx, request, guardOptions?.mode, (traced) => guardRequest(ctx, traced, guardOptions)),
    signOut: (request: RequestLike, signOutOptions?: { readonly scope?: SignOutScope }) => signOut(ctx, request, signOutOptions),
    revokeSession: (sessionId: string) => ctx.revocation.revokeSession(sessionId, ctx.now()),
    revokeUser: (userId: string) => ctx.revocation.revokeUser(userId, ctx.now()),
    explain: (path: string) => ctx.routes.explain(path),
    config: ctx.config,
  };
  if (provider.signInWithPassword !== undefined) instance.signInWithPassword = (request, credentials) => signInWithPassword(ctx, request, credentials);
  if (provider.completeCallback !== undefined) instance.exchangeCode = (request) => exchangeCode(ctx, request);
  if (provider.verifyFactor !== undefined) instance.verifyFactor = (request, proof) => verifyFactor(ctx, request, proof);
  const dataClient = provider.dataClient?.bind(provider);
  if (dataClient !== undefined) {
    instance.dataClient = (auth) => {
      if (auth?.kind !== 'authenticated') throw new LockstepError('ERR_REQUEST_INVALID', 'dataClient needs an authenticated auth state.');
      return dataClient(auth.session.accessToken);
    };
  }
  return Object.freeze(instance) as Lockstep<P>;
}
