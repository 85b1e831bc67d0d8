// The whole proxy setup: one line, plus the matcher literal Next requires in this file.
import { lockstepProxy } from '@lockstep/next';
import { lockstepOptions } from './lockstep.config';

export default lockstepProxy(lockstepOptions);

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|sitemap.xml).*)'],
};
