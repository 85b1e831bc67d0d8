// Resolves the pages a failed route requirement sends a person to, and checks at boot that they cannot loop.
import { LockstepError } from '../errors.js';
import type { RequirementPages } from '../response/deny-requirement.js';
import { sanitizeReturnTo } from '../response/return-to.js';
import type { RoutePolicy } from '../routes/route-policy.js';

/** The `stepUpPath`, `enrolPath` and `forbiddenPath` options, relative to basePath. */
export interface RequirementPageOptions {
  readonly stepUpPath?: string | undefined;
  readonly enrolPath?: string | undefined;
  readonly forbiddenPath?: string | undefined;
}

/**
 * Each page must be a plain local path whose own route states no requirement: a step-up page that
 * itself required aal2 would send the user to itself forever.
 * @throws {LockstepError} `ERR_CONFIG_PATH`.
 */
export function resolveRequirementPages(options: RequirementPageOptions, basePath: string, returnToParam: string, routes: RoutePolicy): RequirementPages {
  const page = (option: keyof RequirementPageOptions): string | null => {
    const value = options[option];
    if (value === undefined) return null;
    const path = basePath + String(value);
    if (typeof value !== 'string' || sanitizeReturnTo(path) !== path || path.includes('?') || path.includes('#')) {
      throw new LockstepError('ERR_CONFIG_PATH', `${option} must be a plain local path such as "/settings/security" (one leading "/", no query, "//", "\\", scheme, dot segment or control character).`);
    }
    const decision = routes.resolve(path);
    if (decision.kind === 'matched' && decision.route.requirements !== null) {
      throw new LockstepError('ERR_CONFIG_PATH', `${option} "${value}" falls under a rule with requirements; a user sent there could never reach it. Give it a rule without requirements above.`);
    }
    return path;
  };
  return { stepUpPath: page('stepUpPath'), enrolPath: page('enrolPath'), forbiddenPath: page('forbiddenPath'), returnToParam };
}
