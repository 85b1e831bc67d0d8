// Next 15: the same file as Next 16's proxy.ts, under the name Next 15 knows (Edge runtime by default).
import { lockstepProxy } from '@lockstep/next';
import { lockstepOptions } from './lib/lockstep-options';

export default lockstepProxy(lockstepOptions);

// Must be a literal in this file: Next reads it statically.
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|sitemap.xml).*)'],
};
