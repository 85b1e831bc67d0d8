// Whether one route decision is weaker than another: what makes a framework variant a bypass.
import type { RouteAccess, VerifyMode } from '@lockstep/core';

const ACCESS_STRENGTH: Record<RouteAccess, number> = { ignore: 0, public: 1, authPage: 2, protected: 3 };
const MODE_STRENGTH: Record<VerifyMode, number> = { session: 0, claims: 1, user: 2 };

export interface Strength {
  readonly access: RouteAccess;
  readonly verify: VerifyMode;
}

/** True when `variant` needs less than `page`: a protected page whose variant is not protected, or is checked in a weaker mode. */
export function weakerThan(variant: Strength, page: Strength): boolean {
  if (page.access !== 'protected') return false;
  if (ACCESS_STRENGTH[variant.access] < ACCESS_STRENGTH.protected) return true;
  return MODE_STRENGTH[variant.verify] < MODE_STRENGTH[page.verify];
}
