// The one place this provider reaches into the core beyond its public entry (the HTTP call and JWT plumbing).
// TEMPORARY: these become `@lockstep/core/verify` (and friends) once the provider-neutral core lands (issue 13);
// until then they are imported by relative path, the way the token-backend provider uses them inside the core.
export { boundedCall, type AnswerPolicy, type CallResult } from '../../../core/src/http/bounded-call.js';
export { createClaimsVerifier, type ClaimsVerifier } from '../../../core/src/verify/claims-verifier.js';
export type { ClaimsCheck } from '../../../core/src/verify/claims-check.js';
export { decodeClaimsUnverified } from '../../../core/src/verify/decode-claims.js';
export { peekToken } from '../../../core/src/verify/peek-token.js';
export { createServerCheckGate } from '../../../core/src/verify/server-check-gate.js';
export { toTokenCheck } from '../../../core/src/verify/to-token-check.js';
