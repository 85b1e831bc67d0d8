// The Lockstep options, read from the environment. The proxy and the server helpers create their
// instance at the first request, so `next build` works without SUPABASE_* set (CI, Docker builds).
import type { LockstepSource } from '@lockstep/next';

export const lockstepOptions: LockstepSource = {
  supabaseUrl: process.env.SUPABASE_URL!,
  supabaseKey: process.env.SUPABASE_ANON_KEY!,
  routes: [
    { match: ['/api/health', '/auth/sign-in'], access: 'public' },
    { match: '/login', access: 'authPage' },
  ], // everything else is protected (deny by default)
};
