// Next 16: the proxy. (Next 15 calls this file middleware.ts; the body is the same.)
import { lockstepProxy } from '@lockstep/next';
import { lockstepOptions } from './lib/lockstep-options';

export default lockstepProxy(lockstepOptions);

// Must be a literal in this file: Next reads it statically.
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|sitemap.xml).*)'],
};
