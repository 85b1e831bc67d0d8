// The provider-neutral view of an auth backend the contract scenarios run against (the GoTrue mock, the fake token backend, …).
import type { LockstepBaseOptions, LockstepEffects } from '@lockstep/core';
import type { LockstepSetup, SupabaseLockstepOptions } from '@lockstep/supabase';
import type { TokenBackendOptions } from '@lockstep/token-backend';

/** The backend calls the scenarios count and fault. `keys` is the key set (JWKS). */
export type BackendEndpoint = 'refresh' | 'user' | 'logout' | 'keys';

/** A fault every backend can inject, before the endpoint runs. */
export type BackendFault =
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 | 504 }
  /** 429 with `Retry-After`. */
  | { readonly kind: 'rate-limit' }
  /** Waits, then answers normally (a slow backend; longer than `authTimeoutMs`, a timeout). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** The connection closes without an answer. */
  | { readonly kind: 'drop' };

/**
 * What a backend (with its Lockstep provider) can do. A scenario group that needs a capability is
 * registered only for the backends that have it: for the others it does not exist (no skips).
 */
export interface BackendCapabilities {
  /** The OAuth / PKCE callback: the provider exchanges a code for a session (C25). */
  readonly callback: boolean;
  /** A user endpoint: the `user` verify mode asks the backend and sees revocations (C13, C27, C35). */
  readonly userEndpoint: boolean;
  /**
   * Supabase specifics: sessions in `@supabase/ssr`'s cookie format (written and read by its own
   * helpers, chunked with user metadata), GoTrue's refusal taxonomy (C29) and a downstream
   * supabase-js client (C4, C17).
   */
  readonly supabaseWireFormat: boolean;
  /** A sign-out with scope `global` ends every session of the user at the backend (C24). */
  readonly signOutEverywhere: boolean;
  /**
   * The access tokens carry their session's id as `session_id` (GoTrue): a single session can be
   * revoked (`revokeSession`, a local sign-out). Without it only per-user revocations apply.
   */
  readonly sessionIdClaim: boolean;
}

/** A session as the scenarios handle it, whatever the cookie format. Spread and edit it to forge one. */
export interface BackendSession {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Unix seconds. */
  readonly expiresAt: number;
  readonly user: { readonly id: string; readonly email?: string } | null;
  /** The backend's own session record (e.g. GoTrue's token answer), kept for its cookie format. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A session the backend just issued: it always names its user. */
export type IssuedSession = BackendSession & { readonly user: NonNullable<BackendSession['user']> };

/** How `issueSession` shapes the session: its assurance level and the user's server-side metadata. */
export interface IssueOptions {
  readonly aal2?: boolean;
  readonly appMetadata?: Readonly<Record<string, unknown>>;
}

/** Per-scenario option changes, in neutral terms; each backend maps them into its setup. */
export interface AppOverrides {
  readonly authTimeoutMs?: number;
  readonly caseSensitive?: boolean;
  /** The `iss` the app requires of access tokens. */
  readonly issuer?: string;
  /** The `aud` the app requires of access tokens. */
  readonly audience?: string | readonly string[];
  /** Backend calls for tokens no local key can check, per minute (C32); only where `serverCheckBudget` says it is settable. */
  readonly serverChecksPerMinute?: number;
  /**
   * The URL of an event sink (C38): the app's `onEvent` posts each event there. `setup` turns it into
   * the hook; `portableSetup` passes it on as the `eventSink` field, from which the app builds it.
   */
  readonly eventSink?: string;
}

/**
 * The setup as plain JSON, for an app in another process (`next start`): Supabase's one-object options
 * as they are, or the engine options plus the token backend's provider options under `tokenBackend`
 * (the app calls `createTokenBackendProvider(tokenBackend)` itself).
 */
export type PortableSetup = (SupabaseLockstepOptions | (LockstepBaseOptions & { readonly tokenBackend: TokenBackendOptions })) & {
  /** The event sink's URL (`AppOverrides.eventSink`): the app posts each `onEvent` event there as JSON. Not a Lockstep option. */
  readonly eventSink?: string;
};

/** One backend under the contract suite. Lifecycle: `start` once per suite, `reset` before every test, `stop` at the end. */
export interface ContractBackend {
  /** Shown in the suite's name: `Lockstep contract: <adapter> × <name>`. */
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A fresh state: seed users only, no sessions, faults or counts; frozen clock; this access-token lifetime. */
  reset(tokenLifetimeSeconds: number): void;

  /** The setup the adapter passes to its `lockstep(…)`: `base` plus `overrides`, pointed at this backend. */
  setup(base: LockstepBaseOptions, overrides: AppOverrides): LockstepSetup;
  /** The same as plain JSON (see `PortableSetup`). */
  portableSetup(base: LockstepBaseOptions, overrides: AppOverrides): PortableSetup;
  /** For in-process apps: the backend's in-process fetch and its clock (Unix seconds). */
  readonly effects: Required<Pick<LockstepEffects, 'fetch' | 'now'>>;
  /** The `iss` and `aud` of the access tokens it issues. */
  readonly issuer: string;
  readonly audience: string;
  /** The `user`-mode calls a flood of unverifiable tokens may cause per minute, given the overrides (C32). */
  serverCheckBudget(overrides: AppOverrides): number;

  /** The session cookie's name (chunks: `<name>.0`, `<name>.1`, …). */
  readonly cookieName: string;
  /** The one `Set-Cookie` line a refresh writes (unchunked). */
  refreshCookieLine(secure: boolean): RegExp;
  /** The `Cookie` header a browser holding `session` sends. */
  cookieFor(session: BackendSession): string;
  /** The session stored in a `Cookie` header, read the way the browser side would; `null` when absent. */
  readSession(cookieHeader: string): Promise<BackendSession | null>;
  /**
   * Cookie headers in this backend's format that hold no session (C16): [description, Cookie header].
   * Listed at registration (before `start`), built in the test (the cookie name may depend on the port).
   */
  malformedCookies(): readonly (readonly [string, () => string])[];
  /**
   * Whether a spent refresh token whose successor was never used is answered with that successor at any
   * age (GoTrue's `replayed-child` rule), rather than as reuse once the reuse interval is over (C10).
   */
  readonly answersUnusedSuccessor: boolean;
  /** The sign-out reason of a refresh after every session of the user was ended elsewhere (C9). */
  readonly revokedReason: string;

  /** Epoch milliseconds of the backend's (frozen) clock. */
  now(): number;
  advance(seconds: number): void;
  /**
   * A new session of a seeded or created user, issued without counting a call. `aal2`: the session
   * has passed a second factor; `appMetadata`: the user's server-controlled metadata (roles, plan),
   * carried in the access token's `app_metadata` claim.
   */
  issueSession(email: string, options?: IssueOptions): Promise<IssuedSession>;
  createUser(email: string, password: string): void;
  /** Another client spends the refresh token at the backend; returns its successor. */
  rotate(refreshToken: string): Promise<string>;
  /** Ends every session of the user at the backend (a sign-out elsewhere, an admin revocation). */
  revokeUser(email: string): void;
  /** How many sessions of the user the backend still honours. */
  liveSessions(email: string): number;
  /** Calls so far to one endpoint, or to any (`'all'`, the key set included). */
  calls(endpoint: BackendEndpoint | 'all'): number;
  resetCounters(): void;
  fail(endpoint: Exclude<BackendEndpoint, 'keys'> | '*', fault: BackendFault, options?: { readonly times?: number }): void;
}
