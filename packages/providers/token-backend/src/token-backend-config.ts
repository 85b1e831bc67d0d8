// Validates TokenBackendOptions once, at construction, into a frozen config (STYLE §14).
import { LockstepError } from '@lockstep/core';
import type { SessionUser } from '@lockstep/core';
import {
  TOKEN_BACKEND_DEFAULTS,
  type RejectionVerdict,
  type TokenBackendJwtOptions,
  type TokenBackendOptions,
  type TokenRejection,
  type TokenRequestBody,
  type TokenSet,
} from './token-backend-options.js';
import { isRefusalCode, type RefreshRejection } from '@lockstep/core/refresh';
import { DEFAULT_REFUSAL_CODES, defaultClassifyRejection, defaultLoginBody, defaultMapTokens, defaultMapUser, defaultRefreshBody } from './token-mapping.js';

/** Options with every default applied. */
export interface TokenBackendConfig {
  readonly loginUrl: string;
  readonly refreshUrl: string;
  readonly logoutUrl: string | null;
  readonly userUrl: string | null;
  readonly jwt: TokenBackendJwtOptions | null;
  readonly loginBody: (credentials: { readonly email: string; readonly password: string }) => TokenRequestBody;
  readonly refreshBody: (refreshToken: string) => TokenRequestBody;
  readonly mapTokens: (body: unknown) => TokenSet | null;
  readonly mapUser: (body: unknown) => SessionUser | null;
  readonly classifyRejection: (rejection: TokenRejection) => RejectionVerdict;
  readonly refusalCodes: readonly RefreshRejection[];
  readonly headers: Readonly<Record<string, string>>;
  readonly cookieName: string;
  readonly httpOnly: boolean;
}

// RFC 6265 token characters, minus the dot we use for chunk suffixes.
const COOKIE_NAME = /^[!#$%&'*+\-^_`|~0-9A-Za-z]+$/;

/**
 * Validates the options; misconfiguration throws `LockstepError` (`ERR_CONFIG_URL`,
 * `ERR_CONFIG_INVALID`, `ERR_CONFIG_COOKIE`) naming the option, never a secret's value.
 */
export function resolveTokenBackendOptions(options: TokenBackendOptions): TokenBackendConfig {
  if (typeof options !== 'object' || options === null) throw new LockstepError('ERR_CONFIG_INVALID', 'createTokenBackendProvider needs an options object.');
  const loginUrl = httpUrl(options.loginUrl, 'loginUrl');
  const refreshUrl = httpUrl(options.refreshUrl, 'refreshUrl');
  const logoutUrl = options.logoutUrl === undefined ? null : httpUrl(options.logoutUrl, 'logoutUrl');
  const userUrl = options.userUrl === undefined ? null : httpUrl(options.userUrl, 'userUrl');
  const jwt = options.jwt === undefined ? null : resolveJwt(options.jwt);
  if (jwt === null && userUrl === null) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'token backend: configure "jwt" (jwksUrl or secret) or "userUrl", or access tokens cannot be verified.');
  }
  const cookieName = options.cookieName ?? TOKEN_BACKEND_DEFAULTS.cookieName;
  if (typeof cookieName !== 'string' || !COOKIE_NAME.test(cookieName)) throw new LockstepError('ERR_CONFIG_COOKIE', 'token backend: "cookieName" must be a cookie token without dots.');
  const httpOnly = options.httpOnly ?? TOKEN_BACKEND_DEFAULTS.httpOnly;
  if (typeof httpOnly !== 'boolean') throw new LockstepError('ERR_CONFIG_COOKIE', 'token backend: "httpOnly" must be a boolean.');
  const headers = { ...(options.headers ?? {}) };
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new LockstepError('ERR_CONFIG_INVALID', `token backend: header "${name}" must be a string.`);
    if (name.toLowerCase() === 'authorization') throw new LockstepError('ERR_CONFIG_INVALID', 'token backend: "headers" must not set Authorization (the provider sends the user\'s bearer token).');
  }
  return Object.freeze({
    loginUrl,
    refreshUrl,
    logoutUrl,
    userUrl,
    jwt,
    loginBody: fn(options.loginBody, 'loginBody') ?? defaultLoginBody,
    refreshBody: fn(options.refreshBody, 'refreshBody') ?? defaultRefreshBody,
    mapTokens: fn(options.mapTokens, 'mapTokens') ?? defaultMapTokens,
    mapUser: fn(options.mapUser, 'mapUser') ?? defaultMapUser,
    classifyRejection: fn(options.classifyRejection, 'classifyRejection') ?? defaultClassifyRejection,
    refusalCodes: resolveRefusalCodes(options.refusalCodes),
    headers: Object.freeze(headers),
    cookieName,
    httpOnly,
  });
}

function resolveRefusalCodes(value: unknown): readonly RefreshRejection[] {
  if (value === undefined) return DEFAULT_REFUSAL_CODES;
  if (!Array.isArray(value) || value.length === 0 || !value.every((code) => typeof code === 'string' && isRefusalCode(code))) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'token backend: "refusalCodes" must be a non-empty array of snake_case codes such as "invalid_grant".');
  }
  return Object.freeze([...(value as string[])]);
}

function resolveJwt(jwt: TokenBackendJwtOptions): TokenBackendJwtOptions {
  if (typeof jwt !== 'object' || jwt === null) throw new LockstepError('ERR_CONFIG_INVALID', 'token backend: "jwt" must be an object.');
  if (jwt.jwksUrl === undefined && jwt.secret === undefined) throw new LockstepError('ERR_CONFIG_INVALID', 'token backend: "jwt" needs "jwksUrl" or "secret".');
  if (jwt.secret !== undefined && (typeof jwt.secret !== 'string' || jwt.secret.length < 32)) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'token backend: "jwt.secret" must be a string of at least 32 characters.');
  }
  if (typeof jwt.issuer !== 'string' || jwt.issuer === '') throw new LockstepError('ERR_CONFIG_INVALID', 'token backend: "jwt.issuer" must be a non-empty string.');
  return Object.freeze({
    ...(jwt.jwksUrl === undefined ? {} : { jwksUrl: httpUrl(jwt.jwksUrl, 'jwt.jwksUrl') }),
    ...(jwt.secret === undefined ? {} : { secret: jwt.secret }),
    issuer: jwt.issuer,
    audience: typeof jwt.audience === 'string' ? jwt.audience : Object.freeze([...jwt.audience]),
  });
}

function httpUrl(value: unknown, option: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch (cause) {
    throw new LockstepError('ERR_CONFIG_URL', `token backend: "${option}" must be an absolute http(s) URL.`, { cause });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.hash !== '') {
    throw new LockstepError('ERR_CONFIG_URL', `token backend: "${option}" must be an http(s) URL without credentials or fragment.`);
  }
  return url.href;
}

function fn<T>(value: T | undefined, option: string): T | undefined {
  if (value !== undefined && typeof value !== 'function') throw new LockstepError('ERR_CONFIG_INVALID', `token backend: "${option}" must be a function.`);
  return value;
}
