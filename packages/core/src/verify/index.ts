// @lockstep/core/verify: access-token verification plumbing (JWKS, secrets, budgets, caches) for providers. Re-exports only.
export { createClaimsVerifier, type ClaimsVerifier } from './claims-verifier.js';
export { DEFAULT_VERIFIED_TOKEN_CACHE_SIZE, resolveClaimsVerifierOptions, type ClaimsVerifierOptions, type ResolvedClaimsVerifierOptions } from './claims-verifier-options.js';
export { createServerCheckGate, DEFAULT_SERVER_CHECK_BUDGET, type ServerCheckBudget, type ServerCheckGate } from './server-check-gate.js';
export { decodeClaimsUnverified } from './decode-claims.js';
export { peekToken, type PeekedToken } from './peek-token.js';
export { toTokenCheck } from './to-token-check.js';
export { JWKS_ALGORITHMS, routeToken, SECRET_ALGORITHMS, SERVER_ONLY_ALGORITHMS, type TokenRoute } from './token-route.js';
