// The demo's Lockstep settings: the route table of DESIGN §7 (same as demo-hono), read from the environment at run time.
import type { LockstepOptions, RouteRule } from '@lockstep/core';

export const DEMO_ROUTES: readonly RouteRule[] = [
  { match: '/favicon.ico', access: 'ignore' },
  { match: ['/', '/api/health'], access: 'public' },
  { match: ['/logout', '/auth/callback'], access: 'public', session: false },
  { match: '/api/webhooks/**', access: 'public', session: false },
  { match: '/login', access: 'authPage' },
  { match: '/dashboard/**', access: 'protected', verify: 'claims' },
  { match: '/admin/**', access: 'protected', verify: 'user' },
  { match: '/api/**', access: 'protected', verify: 'claims' },
];

/** `SUPABASE_URL`/`SUPABASE_ANON_KEY` (or the `NEXT_PUBLIC_` names); scripts/start.mjs sets them to the embedded mock. */
export function lockstepOptions(): LockstepOptions {
  const supabaseUrl = process.env.SUPABASE_URL ?? process.env.NEXT_PUBLIC_SUPABASE_URL;
  const supabaseKey = process.env.SUPABASE_ANON_KEY ?? process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (supabaseUrl === undefined || supabaseKey === undefined) throw new Error('Set SUPABASE_URL and SUPABASE_ANON_KEY (scripts/start.mjs does it for the embedded mock).');
  return { supabaseUrl, supabaseKey, routes: DEMO_ROUTES, afterSignInPath: '/dashboard' };
}
