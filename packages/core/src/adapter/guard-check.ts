// What an adapter's `requireUser` accepts: a verify mode, or a mode with route requirements on top.
import type { RouteRequirements } from '../routes/route-requirements.js';
import type { VerifyMode } from '../routes/route-rule.js';

/**
 * `'user'`, or `{ mode: 'user', aal: 'aal2', roles: ['admin'] }`: the guard checks the mode and
 * the requirements, on top of those of the route the request is on.
 */
export type GuardCheck = VerifyMode | (RouteRequirements & { readonly mode?: VerifyMode });

/**
 * The guard options a `GuardCheck` stands for (spread them into `instance.guard`).
 *
 * @example
 * await instance.guard(request, { ...guardCheckOptions({ aal: 'aal2' }), hint });
 */
export function guardCheckOptions(check: GuardCheck | undefined): RouteRequirements & { readonly mode?: VerifyMode } {
  if (check === undefined) return {};
  return typeof check === 'string' ? { mode: check } : check;
}
