// Validates OidcOptions once, at construction, into a frozen config (misconfiguration fails at boot).
import { LockstepError } from '@lockstep/core';
import { OIDC_DEFAULTS, type ClientAuthMethod, type OidcOptions } from './oidc-options.js';

/** Options with every default applied. */
export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string | null;
  readonly clientAuthMethod: ClientAuthMethod;
  readonly redirectUri: string;
  readonly scope: string;
  readonly authorizationParams: Readonly<Record<string, string>>;
  readonly accessTokens: 'jwt' | 'userinfo';
  readonly audience: readonly string[];
  readonly serverChecksPerMinute: number;
  readonly cookieName: string;
  readonly flowMaxAgeSeconds: number;
  readonly postLogoutRedirectUri: string;
}

// RFC 6265 token characters minus the dot, which the chunk suffixes (`<name>.0`) use.
const COOKIE_NAME = /^[!#$%&'*+\-^_`|~0-9A-Za-z]+$/;
// The parameters the flow itself sets; letting options override them would undo PKCE, state or nonce.
const RESERVED_PARAMS = new Set(['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method']);

function invalid(message: string, code: 'ERR_CONFIG_INVALID' | 'ERR_CONFIG_URL' | 'ERR_CONFIG_COOKIE' = 'ERR_CONFIG_INVALID'): LockstepError {
  return new LockstepError(code, `oidc: ${message}`);
}

/**
 * Validates the options; throws `LockstepError` (`ERR_CONFIG_URL`, `ERR_CONFIG_INVALID`,
 * `ERR_CONFIG_COOKIE`) naming the option, never a secret's value.
 */
export function resolveOidcOptions(options: OidcOptions): OidcConfig {
  if (typeof options !== 'object' || options === null) throw invalid('oidc() needs an options object.');
  const issuer = issuerUrl(options.issuer);
  if (typeof options.clientId !== 'string' || options.clientId === '') throw invalid('"clientId" must be a non-empty string.');
  const clientSecret = options.clientSecret ?? null;
  if (clientSecret !== null && (typeof clientSecret !== 'string' || clientSecret === '')) throw invalid('"clientSecret" must be a non-empty string when set.');
  const clientAuthMethod = options.clientAuthMethod ?? (clientSecret === null ? 'none' : 'client_secret_basic');
  if (!['client_secret_basic', 'client_secret_post', 'none'].includes(clientAuthMethod)) throw invalid('"clientAuthMethod" must be client_secret_basic, client_secret_post or none.');
  if ((clientAuthMethod === 'none') !== (clientSecret === null)) throw invalid('"clientAuthMethod" "none" is for clients without "clientSecret", and the others need one.');
  const redirectUri = uriOrPath(options.redirectUri ?? OIDC_DEFAULTS.redirectUri, 'redirectUri');
  const postLogoutRedirectUri = uriOrPath(options.postLogoutRedirectUri ?? OIDC_DEFAULTS.postLogoutRedirectUri, 'postLogoutRedirectUri');
  const scopes = options.scopes ?? OIDC_DEFAULTS.scopes;
  if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) throw invalid('"scopes" must be a list of scope tokens.');
  const scope = [...new Set(['openid', ...scopes])].join(' ');
  const authorizationParams = { ...(options.authorizationParams ?? {}) };
  for (const [name, value] of Object.entries(authorizationParams)) {
    if (typeof value !== 'string') throw invalid(`authorization parameter "${name}" must be a string.`);
    if (RESERVED_PARAMS.has(name)) throw invalid(`authorization parameter "${name}" is set by the flow itself.`);
  }
  const accessTokens = options.accessTokens ?? OIDC_DEFAULTS.accessTokens;
  if (accessTokens !== 'jwt' && accessTokens !== 'userinfo') throw invalid('"accessTokens" must be "jwt" or "userinfo".');
  const audienceOption = options.audience ?? options.clientId;
  const audience = typeof audienceOption === 'string' ? [audienceOption] : Array.isArray(audienceOption) ? [...audienceOption] : [];
  if (audience.length === 0 || audience.some((item) => typeof item !== 'string' || item === '')) throw invalid('"audience" must be a non-empty string or list of them.');
  const serverChecksPerMinute = options.serverChecksPerMinute ?? OIDC_DEFAULTS.serverChecksPerMinute;
  if (!Number.isInteger(serverChecksPerMinute) || serverChecksPerMinute < 0 || serverChecksPerMinute > 100_000) throw invalid('"serverChecksPerMinute" must be an integer from 0 to 100000.');
  const cookieName = options.cookieName ?? OIDC_DEFAULTS.cookieName;
  if (typeof cookieName !== 'string' || !COOKIE_NAME.test(cookieName) || cookieName.length > 64) throw invalid('"cookieName" must be a cookie token without dots, at most 64 characters.', 'ERR_CONFIG_COOKIE');
  const flowMaxAgeSeconds = options.flowMaxAgeSeconds ?? OIDC_DEFAULTS.flowMaxAgeSeconds;
  if (!Number.isInteger(flowMaxAgeSeconds) || flowMaxAgeSeconds < 30 || flowMaxAgeSeconds > 3600) throw invalid('"flowMaxAgeSeconds" must be an integer from 30 to 3600.');
  return Object.freeze({
    issuer,
    clientId: options.clientId,
    clientSecret,
    clientAuthMethod,
    redirectUri,
    scope,
    authorizationParams: Object.freeze(authorizationParams),
    accessTokens,
    audience: Object.freeze(audience),
    serverChecksPerMinute,
    cookieName,
    flowMaxAgeSeconds,
    postLogoutRedirectUri,
  });
}

function issuerUrl(value: unknown): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch (cause) {
    throw new LockstepError('ERR_CONFIG_URL', 'oidc: "issuer" must be an absolute https URL.', { cause });
  }
  // OIDC Discovery §4.3: the issuer is an https URL without query or fragment; http only for loopback tests.
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname.endsWith('.test');
  if ((url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw invalid('"issuer" must be an https URL without credentials, query or fragment (http only on loopback or .test hosts).', 'ERR_CONFIG_URL');
  }
  // Kept exactly as given: it is compared with the discovery document's and the tokens' `iss` as a string.
  return String(value);
}

function uriOrPath(value: unknown, option: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`"${option}" must be an absolute URL or a path.`, 'ERR_CONFIG_URL');
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new LockstepError('ERR_CONFIG_URL', `oidc: "${option}" must be an absolute URL or a path.`, { cause });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hash !== '') throw invalid(`"${option}" must be an http(s) URL without fragment.`, 'ERR_CONFIG_URL');
  return url.href;
}
