// @lockstep/core/cookies: the cookie wire format and the cookie plan, for providers and adapters. Re-exports only.
export { parseRequestCookies, formatRequestCookieHeader, type RequestCookie } from './request-cookies.js';
export { parseCookiePairs, serializeSetCookie } from './cookie-codec.js';
export { createCookiePlan, isCookieDeletion, type CookieAttributes, type CookiePlan, type CookieWrite } from './cookie-write.js';
export { HOST_PREFIX, prefixStorageKey, resolveCookieAttributes, resolveCookieOptions, type CookieOptions, type ResolvedCookieOptions } from './cookie-attributes.js';
export { MAX_SESSION_VARIANTS, sessionCookieVariants } from './session-cookie-variants.js';
export { NO_STORE_HEADERS } from './no-store.js';
