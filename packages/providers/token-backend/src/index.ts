// @lockstep/token-backend: Lockstep on a custom token backend, and the API proxy helper. Re-exports only.
export { createTokenBackendProvider, type TokenBackendProvider } from './token-backend-provider.js';
export { createProxyHandler, type ProxyHandlerOptions } from './proxy-handler.js';
export { TOKEN_COOKIE_CHUNK_SIZE, TOKEN_COOKIE_PREFIX } from './token-cookie.js';
export { DEFAULT_REFUSAL_CODES, defaultClassifyRejection, defaultLoginBody, defaultMapTokens, defaultMapUser, defaultRefreshBody } from './token-mapping.js';
export type {
  RejectionVerdict,
  TokenBackendJwtOptions,
  TokenBackendOptions,
  TokenRejection,
  TokenRequestBody,
  TokenSet,
} from './token-backend-options.js';
