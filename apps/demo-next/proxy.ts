// The whole proxy setup: lockstepProxy plus the matcher literal Next requires in this file.
import { lockstepProxy } from '@lockstep/next';
import { demoEffects, lockstepOptions } from './lockstep.config';

export default lockstepProxy(lockstepOptions, demoEffects);

export const config = {
  // `/print` is left out on purpose: a page the proxy never sees, guarded only by requireUser().
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|sitemap.xml|print).*)'],
};
