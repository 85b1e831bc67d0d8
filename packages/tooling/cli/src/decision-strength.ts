// Whether one route decision is weaker than another: what makes a framework variant a bypass.
import type { RouteAccess, VerifyMode } from '@lockstep/core';
import type { ClaimTest, Requirements } from '@lockstep/core/routes';

const ACCESS_STRENGTH: Record<RouteAccess, number> = { ignore: 0, public: 1, authPage: 2, protected: 3 };
const MODE_STRENGTH: Record<VerifyMode, number> = { session: 0, claims: 1, user: 2 };

export interface Strength {
  readonly access: RouteAccess;
  readonly verify: VerifyMode;
  readonly requirements?: Requirements | null;
}

/**
 * True when `variant` needs less than `page`: a protected page whose variant is not protected, is
 * checked in a weaker mode, or drops one of the page's requirements (aal2, recent sign-in, a role
 * group, a claims test — compared by what they say, so the same requirement on another rule counts).
 */
export function weakerThan(variant: Strength, page: Strength): boolean {
  if (page.access !== 'protected') return false;
  if (ACCESS_STRENGTH[variant.access] < ACCESS_STRENGTH.protected) return true;
  if (MODE_STRENGTH[variant.verify] < MODE_STRENGTH[page.verify]) return true;
  return !covers(variant.requirements ?? null, page.requirements ?? null);
}

function covers(variant: Requirements | null, page: Requirements | null): boolean {
  if (page === null) return true;
  if (variant === null) return false;
  if (page.aal !== null && variant.aal !== page.aal) return false;
  if (page.recentSignIn !== null && (variant.recentSignIn === null || variant.recentSignIn > page.recentSignIn)) return false;
  const groups = new Set(variant.roles.map((group) => [...group].sort().join('\n')));
  if (!page.roles.every((group) => groups.has([...group].sort().join('\n')))) return false;
  // A predicate says nothing readable: only the very same function counts as the same test.
  const sameTest = (a: ClaimTest, b: ClaimTest): boolean => a.test === b.test || (!a.label.startsWith('predicate') && a.label === b.label);
  return page.claims.every((test) => variant.claims.some((held) => sameTest(held, test)));
}
