// Route policy: re-exports only.
export { canonicalizePath, MAX_PATH_LENGTH } from './canonical-path.js';
export type { CanonicalPathOptions, CanonicalPathResult, MalformedPathReason } from './canonical-path.js';
export type { RouteDecision, RouteExplanation, RouteMatch, RouteRuleTrial } from './route-decision.js';
export { createRoutePolicy } from './route-policy.js';
export type { RoutePolicy, RoutePolicyOptions } from './route-policy.js';
export type { PathPattern, RouteAccess, RouteRule, VerifyMode } from './route-rule.js';
export type { ClaimTest, ClaimValue, ClaimsRequirement, Requirements, RouteRequirements } from './route-requirements.js';
export { describeRequirements } from './route-requirements.js';
