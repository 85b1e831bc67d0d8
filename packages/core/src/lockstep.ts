// createLockstep: options resolved once, collaborators built once, one operation per request.
import type { SupabaseClient } from '@supabase/supabase-js';
import { createContext, type LockstepEffects } from './instance/create-context.js';
import { exchangeCode } from './instance/exchange-code.js';
import { guardRequest, type GuardOptions, type GuardResult } from './instance/guard-request.js';
import { handleRequest } from './instance/handle-request.js';
import type { LockstepConfig } from './instance/lockstep-context.js';
import { signInWithPassword, type PasswordSignIn, type SignInResult } from './instance/sign-in.js';
import { signOut, type SignOutResult } from './instance/sign-out.js';
import { verifyRequest } from './instance/verify-request.js';
import type { LockstepOptions } from './options.js';
import type { Outcome } from './outcome.js';
import type { RequestKindHint } from './request/request-kind.js';
import type { RequestLike } from './request/request-record.js';
import type { RouteExplanation } from './routes/route-policy.js';
import type { VerifyMode } from './routes/route-rule.js';
import type { AuthState } from './session/session.js';
import { createAuthenticatedClient } from './supabase/bound-client.js';
import type { SignOutScope } from './session/session-provider.js';
import { LockstepError } from './errors.js';

export type { LockstepConfig } from './instance/lockstep-context.js';
export type { LockstepEffects } from './instance/create-context.js';

/** One configured Lockstep: create it once per app (it holds the caches) and call it per request. */
export interface Lockstep {
  /**
   * The middleware entry: decides the request and returns the one outcome the adapter renders.
   * Never throws for anything a request can contain.
   */
  handle(request: RequestLike, hint?: RequestKindHint): Promise<Outcome>;
  /**
   * The server-side guard (DESIGN §3.9): re-checks the session in the request's cookies (as the
   * middleware forwarded them) in the given mode. Never refreshes and never writes cookies, so it is
   * safe where cookies cannot be set (e.g. a Server Component); an expired session is anonymous.
   */
  verifyRequest(request: RequestLike, mode?: VerifyMode): Promise<AuthState>;
  /**
   * `verifyRequest` plus the response to send when there is no session (login redirect, 401 JSON,
   * or 503), decided exactly as the middleware decides it. For guards in handlers and loaders.
   */
  guard(request: RequestLike, options?: GuardOptions): Promise<GuardResult>;
  /** Password sign-in; on success the redirect carries the session cookies. */
  signInWithPassword(request: RequestLike, credentials: PasswordSignIn): Promise<SignInResult>;
  /** The OAuth / magic-link callback: exchanges `?code=` with the PKCE verifier cookie. */
  exchangeCode(request: RequestLike): Promise<SignInResult>;
  /** Ends the session at the auth server (when reachable) and clears the cookies (always, but for `others`). */
  signOut(request: RequestLike, options?: { readonly scope?: SignOutScope }): Promise<SignOutResult>;
  /** A supabase-js client acting as the verified user; it never refreshes or writes cookies. */
  supabaseFor(auth: Extract<AuthState, { kind: 'authenticated' }>): SupabaseClient;
  /** Which route rule decides a path, and why: for debugging configuration. */
  explain(path: string): RouteExplanation;
  /** The resolved settings adapters need (no secrets). */
  readonly config: LockstepConfig;
}

/**
 * Creates a Lockstep instance. Misconfiguration throws a `LockstepError` with an `ERR_CONFIG_*`
 * code here, at boot, not on a user's request.
 *
 * @example
 * const lockstep = createLockstep({
 *   supabaseUrl: process.env.SUPABASE_URL!,
 *   supabaseKey: process.env.SUPABASE_ANON_KEY!,
 *   routes: [
 *     { match: ['/', '/api/health'], access: 'public' },
 *     { match: '/admin/**', access: 'protected', verify: 'user' },
 *   ],
 * });
 * const outcome = await lockstep.handle(request);
 */
export function createLockstep(options: LockstepOptions, effects: LockstepEffects = {}): Lockstep {
  const ctx = createContext(options, effects);
  return Object.freeze({
    handle: (request: RequestLike, hint?: RequestKindHint) => handleRequest(ctx, request, hint),
    verifyRequest: (request: RequestLike, mode?: VerifyMode) => verifyRequest(ctx, request, mode),
    guard: (request: RequestLike, guardOptions?: GuardOptions) => guardRequest(ctx, request, guardOptions),
    signInWithPassword: (request: RequestLike, credentials: PasswordSignIn) => signInWithPassword(ctx, request, credentials),
    exchangeCode: (request: RequestLike) => exchangeCode(ctx, request),
    signOut: (request: RequestLike, signOutOptions?: { readonly scope?: SignOutScope }) => signOut(ctx, request, signOutOptions),
    supabaseFor: (auth: Extract<AuthState, { kind: 'authenticated' }>) => {
      if (ctx.config.supabase === null) throw new LockstepError('ERR_PROVIDER_UNSUPPORTED', 'supabaseFor needs an instance configured for Supabase.');
      return createAuthenticatedClient(ctx.config.supabase, auth.session.accessToken, effects.fetch === undefined ? {} : { fetch: effects.fetch });
    },
    explain: (path: string) => ctx.routes.explain(path),
    config: ctx.config,
  });
}
