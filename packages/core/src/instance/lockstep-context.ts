// Everything a Lockstep instance resolved from its options, built once and shared by its operations.
import type { CookieAttributes } from '../cookies/cookie-write.js';
import type { ResponsePolicyOptions } from '../decide-outcome.js';
import type { EventHandler } from '../events.js';
import type { RequestRecord } from '../request/request-record.js';
import type { CrossSiteVerdict } from '../request/same-origin.js';
import type { Revocation } from '../revocation/revocation.js';
import type { RoutePolicy } from '../routes/route-policy.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { SessionEngine } from '../session/resolve-session.js';
import type { SessionProvider } from '../session/session-provider.js';

/** Resolved settings an adapter may read (no secrets). */
export interface LockstepConfig {
  /** The auth server's base URL. */
  readonly authUrl: string;
  /** The session cookie's name, as the provider names it (for Supabase, the storage key `sb-<ref>-auth-token`). */
  readonly storageKey: string;
  /** Paths below include the basePath. */
  readonly loginPath: string;
  readonly callbackPath: string;
  readonly afterSignInPath: string;
  readonly returnToParam: string;
}

/** The instance's collaborators and settings; operations receive it instead of reading options again. */
export interface LockstepContext {
  readonly config: LockstepConfig;
  readonly routes: RoutePolicy;
  readonly isApi: (canonicalPath: string) => boolean;
  /** Whether API paths accept `Authorization: Bearer` access tokens (`bearer` option). */
  readonly bearer: boolean;
  readonly defaultVerify: Exclude<VerifyMode, 'session'>;
  readonly provider: SessionProvider;
  readonly engine: SessionEngine;
  readonly responsePolicy: ResponsePolicyOptions;
  /** Cookie attributes for a request's public URL (see `publicUrl`). */
  readonly cookieAttributes: (requestUrl: URL) => CookieAttributes;
  /** The URL the browser used: the request's, or the forwarded one with `trustProxy`. */
  readonly publicUrl: (request: RequestRecord) => URL;
  /** Whether a state-changing auth request came from another site (login CSRF). */
  readonly crossSite: (request: RequestRecord) => CrossSiteVerdict;
  /** Unix seconds, whole; read once per request. */
  readonly now: () => number;
  /** The instance's revocations (the local view, its store, marking). */
  readonly revocation: Revocation;
  readonly onEvent: EventHandler | undefined;
  /** Debug mode as resolved (`debug` option, production check applied). */
  readonly debug: boolean;
}
