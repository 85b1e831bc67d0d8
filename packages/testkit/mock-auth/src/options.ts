// The mock's options: the typed input, the defaults and their one-time resolution into a frozen object.

/** A user created when the mock starts (and again after `reset()`). */
export interface SeedUser {
  readonly email: string;
  readonly password: string;
  /** Becomes `user_metadata`. */
  readonly userMetadata?: Readonly<Record<string, unknown>>;
}

/** Signing algorithm for access tokens. */
export type JwtAlgorithm = 'ES256' | 'RS256' | 'HS256';

/** Options of {@link createMockAuth} and {@link startMockAuth}. */
export interface MockAuthOptions {
  /** Port to listen on (only used by `startMockAuth`); `0` picks a free one. @default 0 */
  readonly port?: number;
  /** Access-token lifetime (`JWT_EXP`). @default 3600 */
  readonly tokenLifetimeSeconds?: number;
  /** Refresh-token reuse interval (`REFRESH_TOKEN_REUSE_INTERVAL`). @default 10 */
  readonly reuseIntervalSeconds?: number;
  /** Reuse detection revokes the token family (`REFRESH_TOKEN_ROTATION_ENABLED`). @default true */
  readonly refreshTokenRotation?: boolean;
  /** Access-token signing algorithm. ES256/RS256 use a generated P-256/RSA-2048 key with a UUID `kid`. @default 'ES256' */
  readonly jwtAlgorithm?: JwtAlgorithm;
  /** Shared HS256 secret (signs the anon and service-role keys, and HS256 access tokens). @default random */
  readonly jwtSecret?: string;
  /** Sign-up confirms the email at once and returns a session. @default true */
  readonly autoconfirm?: boolean;
  /** Default redirect target (`SITE_URL`). @default 'http://127.0.0.1:3000' */
  readonly siteUrl?: string;
  /** OAuth providers served by the built-in fake provider page. @default ['github', 'google'] */
  readonly oauthProviders?: readonly string[];
  /** Users created at start. @default [] */
  readonly users?: readonly SeedUser[];
  /** Emulate the gateway: reject requests without an `apikey` header (401). @default false */
  readonly requireApiKey?: boolean;
  /** Flow-state (PKCE/OAuth) lifetime. @default 300 */
  readonly flowStateExpirySeconds?: number;
  /** Email OTP / magic-link lifetime (`MAILER_OTP_EXP`). @default 3600 */
  readonly otpExpirySeconds?: number;
  /** Maximum session age (`SESSIONS_TIMEBOX`); `null` is unlimited. @default null */
  readonly sessionTimeboxSeconds?: number | null;
  /** Maximum time since the last refresh (`SESSIONS_INACTIVITY_TIMEOUT`); `null` is unlimited. @default null */
  readonly inactivityTimeoutSeconds?: number | null;
  /** Real-time source of the controllable clock (epoch ms). @default Date.now */
  readonly realNow?: () => number;
  /** Refuse every new user: sign-up, anonymous sign-in, OTP sign-up (`DISABLE_SIGNUP`). @default false */
  readonly disableSignup?: boolean;
  /** `signInAnonymously` works (`EXTERNAL_ANONYMOUS_USERS_ENABLED`; off by default, as locally). @default false */
  readonly anonymousSignIns?: boolean;
  /** An email change needs a code from the current address too (`MAILER_SECURE_EMAIL_CHANGE_ENABLED`). @default true */
  readonly secureEmailChange?: boolean;
  /** `PUT /user` with a password needs a `/reauthenticate` nonce once the session is 24 h old (`SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION`). @default false */
  readonly passwordChangeRequiresReauthentication?: boolean;
  /** `linkIdentity` / `unlinkIdentity` work (`SECURITY_MANUAL_LINKING_ENABLED`; off by default). @default false */
  readonly manualLinking?: boolean;
  /** Phone sign-up and sign-in (`EXTERNAL_PHONE_ENABLED`; off by default, as in GoTrue). @default false */
  readonly phoneEnabled?: boolean;
  /** Phone sign-ups are confirmed at once (the local CLI's `enable_confirmations = false`). @default true */
  readonly phoneAutoconfirm?: boolean;
  /**
   * Also issue and accept the new API keys (`sb_publishable_…`, `sb_secret_…`) in `apikey` and as a
   * Bearer, as the Supabase gateway does; derived from `jwtSecret`, so a fixed secret gives fixed keys. @default false
   */
  readonly newApiKeys?: boolean;
  /** TOTP factors can be enrolled and verified (`MFA_TOTP_ENROLL_ENABLED`/`VERIFY_ENABLED`). @default true */
  readonly mfaTotpEnabled?: boolean;
  /** Phone factors can be enrolled and verified (GoTrue's default is off). @default false */
  readonly mfaPhoneEnabled?: boolean;
  /** `MFA_MAX_ENROLLED_FACTORS`. @default 10 */
  readonly mfaMaxEnrolledFactors?: number;
  /** `MFA_MAX_VERIFIED_FACTORS`. @default 10 */
  readonly mfaMaxVerifiedFactors?: number;
  /**
   * The project URL as apps reach the mock (through a proxy, a gateway or a port mapping), like
   * GoTrue's external URL: it sets the JWT issuer (`${publicUrl}/auth/v1`), the links in OTP
   * emails and OAuth redirects and the JWKS URL. @default the URL the mock listens on
   */
  readonly publicUrl?: string;
}

/** The options after defaults, frozen. */
export interface ResolvedOptions {
  readonly port: number;
  readonly tokenLifetimeSeconds: number;
  readonly reuseIntervalSeconds: number;
  readonly refreshTokenRotation: boolean;
  readonly jwtAlgorithm: JwtAlgorithm;
  readonly jwtSecret: string | null;
  readonly autoconfirm: boolean;
  readonly siteUrl: string;
  readonly oauthProviders: readonly string[];
  readonly users: readonly SeedUser[];
  readonly requireApiKey: boolean;
  readonly flowStateExpirySeconds: number;
  readonly otpExpirySeconds: number;
  readonly sessionTimeboxSeconds: number | null;
  readonly inactivityTimeoutSeconds: number | null;
  readonly realNow: () => number;
  readonly disableSignup: boolean;
  readonly anonymousSignIns: boolean;
  readonly secureEmailChange: boolean;
  readonly passwordChangeRequiresReauthentication: boolean;
  readonly manualLinking: boolean;
  readonly newApiKeys: boolean;
  readonly phoneEnabled: boolean;
  readonly phoneAutoconfirm: boolean;
  readonly mfaTotpEnabled: boolean;
  readonly mfaPhoneEnabled: boolean;
  readonly mfaMaxEnrolledFactors: number;
  readonly mfaMaxVerifiedFactors: number;
  /** Without trailing slash; `null` = the listening URL. */
  readonly publicUrl: string | null;
}

/** The defaults: the Supabase CLI's local settings where they exist (spec §3.2). */
export const DEFAULTS = Object.freeze({
  port: 0,
  tokenLifetimeSeconds: 3600,
  reuseIntervalSeconds: 10,
  refreshTokenRotation: true,
  jwtAlgorithm: 'ES256',
  autoconfirm: true,
  siteUrl: 'http://127.0.0.1:3000',
  oauthProviders: Object.freeze(['github', 'google']),
  requireApiKey: false,
  flowStateExpirySeconds: 300,
  otpExpirySeconds: 3600,
  disableSignup: false,
  anonymousSignIns: false,
  secureEmailChange: true,
  passwordChangeRequiresReauthentication: false,
  manualLinking: false,
  mfaTotpEnabled: true,
  mfaPhoneEnabled: false,
  mfaMaxEnrolledFactors: 10,
  mfaMaxVerifiedFactors: 10,
} as const);

/** Error thrown for invalid options, with a stable code. */
export class MockAuthConfigError extends Error {
  readonly code = 'ERR_MOCK_AUTH_CONFIG_INVALID';
  override readonly name = 'MockAuthConfigError';
}

/** Resolves options once into a new frozen object; the caller's object is not touched. */
export function resolveOptions(options: MockAuthOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? DEFAULTS.port,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULTS.tokenLifetimeSeconds,
    reuseIntervalSeconds: options.reuseIntervalSeconds ?? DEFAULTS.reuseIntervalSeconds,
    refreshTokenRotation: options.refreshTokenRotation ?? DEFAULTS.refreshTokenRotation,
    jwtAlgorithm: options.jwtAlgorithm ?? DEFAULTS.jwtAlgorithm,
    jwtSecret: options.jwtSecret ?? null,
    autoconfirm: options.autoconfirm ?? DEFAULTS.autoconfirm,
    siteUrl: options.siteUrl ?? DEFAULTS.siteUrl,
    oauthProviders: Object.freeze([...(options.oauthProviders ?? DEFAULTS.oauthProviders)]),
    users: Object.freeze([...(options.users ?? [])]),
    requireApiKey: options.requireApiKey ?? DEFAULTS.requireApiKey,
    flowStateExpirySeconds: options.flowStateExpirySeconds ?? DEFAULTS.flowStateExpirySeconds,
    otpExpirySeconds: options.otpExpirySeconds ?? DEFAULTS.otpExpirySeconds,
    sessionTimeboxSeconds: options.sessionTimeboxSeconds ?? null,
    inactivityTimeoutSeconds: options.inactivityTimeoutSeconds ?? null,
    realNow: options.realNow ?? (() => Date.now()),
    disableSignup: options.disableSignup ?? DEFAULTS.disableSignup,
    anonymousSignIns: options.anonymousSignIns ?? DEFAULTS.anonymousSignIns,
    secureEmailChange: options.secureEmailChange ?? DEFAULTS.secureEmailChange,
    passwordChangeRequiresReauthentication: options.passwordChangeRequiresReauthentication ?? DEFAULTS.passwordChangeRequiresReauthentication,
    manualLinking: options.manualLinking ?? DEFAULTS.manualLinking,
    newApiKeys: options.newApiKeys ?? false,
    phoneEnabled: options.phoneEnabled ?? false,
    phoneAutoconfirm: options.phoneAutoconfirm ?? true,
    mfaTotpEnabled: options.mfaTotpEnabled ?? DEFAULTS.mfaTotpEnabled,
    mfaPhoneEnabled: options.mfaPhoneEnabled ?? DEFAULTS.mfaPhoneEnabled,
    mfaMaxEnrolledFactors: options.mfaMaxEnrolledFactors ?? DEFAULTS.mfaMaxEnrolledFactors,
    mfaMaxVerifiedFactors: options.mfaMaxVerifiedFactors ?? DEFAULTS.mfaMaxVerifiedFactors,
    publicUrl: options.publicUrl === undefined ? null : options.publicUrl.replace(/\/+$/, ''),
  };
  validate(resolved);
  return Object.freeze(resolved);
}

function validate(o: ResolvedOptions): void {
  const fail = (message: string): never => {
    throw new MockAuthConfigError(message);
  };
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) fail('port must be an integer in 0..65535');
  if (!(o.tokenLifetimeSeconds > 0)) fail('tokenLifetimeSeconds must be > 0');
  if (!(o.reuseIntervalSeconds >= 0)) fail('reuseIntervalSeconds must be >= 0');
  if (!['ES256', 'RS256', 'HS256'].includes(o.jwtAlgorithm)) fail('jwtAlgorithm must be ES256, RS256 or HS256');
  if (o.jwtSecret !== null && o.jwtSecret.length < 32) fail('jwtSecret must be at least 32 characters');
  if (!URL.canParse(o.siteUrl)) fail('siteUrl must be an absolute URL');
  if (o.publicUrl !== null && !isBaseUrl(o.publicUrl)) {
    fail('publicUrl must be an absolute http(s) URL without query or fragment');
  }
  if (!Number.isInteger(o.mfaMaxEnrolledFactors) || o.mfaMaxEnrolledFactors < 1) fail('mfaMaxEnrolledFactors must be an integer >= 1');
  if (!Number.isInteger(o.mfaMaxVerifiedFactors) || o.mfaMaxVerifiedFactors < 1) fail('mfaMaxVerifiedFactors must be an integer >= 1');
  for (const user of o.users) {
    if (!user.email.includes('@')) fail('seed users need an email address');
    if (user.password.length < 6) fail('seed user passwords need at least 6 characters');
  }
}

/** An http(s) URL that can prefix paths: no query, no fragment, no credentials. */
export function isBaseUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '' &&
    !value.includes('?') &&
    !value.includes('#')
  );
}
