// When a path may be decided by more than one rule (case-insensitive views), the strictest decision wins.
import type { RouteMatch } from './route-decision.js';
import { mergeRequirements } from './route-requirements.js';
import type { RouteAccess, VerifyMode } from './route-rule.js';

const ACCESS_RANK: Record<RouteAccess, number> = { ignore: 0, public: 1, authPage: 2, protected: 3 };
const VERIFY_RANK: Record<VerifyMode, number> = { session: 0, claims: 1, user: 2 };

/**
 * The stricter of two decisions for one path: the higher access (`protected` > `authPage` >
 * `public` > `ignore`), then the stronger verify mode. The winner's verify mode is raised to the
 * other's when that one reads a session too, and it reads the session when either does, and two
 * protected decisions keep both's requirements, so a merge never loses a check that one of the two
 * would have made.
 */
export function stricterRoute(a: RouteMatch, b: RouteMatch): RouteMatch {
  const bWins =
    ACCESS_RANK[b.access] > ACCESS_RANK[a.access] ||
    (ACCESS_RANK[b.access] === ACCESS_RANK[a.access] && VERIFY_RANK[b.verify] > VERIFY_RANK[a.verify]);
  const [strong, weak] = bWins ? [b, a] : [a, b];
  if (strong.access === 'ignore' || weak.access === 'ignore') return strong;
  const verify = VERIFY_RANK[weak.verify] > VERIFY_RANK[strong.verify] ? weak.verify : strong.verify;
  const session = strong.session || weak.session;
  // Requirements live on protected decisions only, and the stronger one is protected when either is.
  const requirements = weak.access === 'protected' ? mergeRequirements(strong.requirements, weak.requirements) : strong.requirements;
  if (verify === strong.verify && session === strong.session && requirements === strong.requirements) return strong;
  return { ...strong, verify, session, requirements };
}
