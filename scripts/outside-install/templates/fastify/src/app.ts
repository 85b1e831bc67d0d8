// The Fastify 5 app: Lockstep as the root onRequest hook, a login form, a protected page and a protected API.
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { getAuth, lockstep, requireUser, sendOutcome, signInWithPassword } from '@lockstep/node/fastify';
import { escapeHtml } from './html.js';

export const app = Fastify();
await app.register(formbody); // parses the login form

// At the root (not in an encapsulated plugin): it runs for every route and for the 404 handler.
app.addHook('onRequest', lockstep({
  supabaseUrl: process.env.SUPABASE_URL!,
  supabaseKey: process.env.SUPABASE_ANON_KEY!,
  routes: [
    { match: ['/api/health', '/auth/sign-in'], access: 'public' },
    { match: '/login', access: 'authPage' },
  ], // everything else is protected (deny by default)
}));

app.get('/api/health', async () => ({ ok: true }));

app.get<{ Querystring: { next?: string } }>('/login', async (request, reply) =>
  reply.type('text/html').send(`<form method="post" action="/auth/sign-in">
  <input type="hidden" name="next" value="${escapeHtml(request.query.next ?? '')}">
  <input name="email" type="email" required> <input name="password" type="password" required>
  <button type="submit">Sign in</button>
</form>`));

app.post<{ Body: Record<string, string | undefined> }>('/auth/sign-in', async (request, reply) => {
  const { email = '', password = '', next = '' } = request.body;
  const result = await signInWithPassword(request, { email, password, returnTo: next === '' ? null : next });
  if (result.kind === 'signed_in') return sendOutcome(reply, result.redirect); // carries the session cookies
  return reply.redirect(`/login?error=${result.kind === 'rejected' ? encodeURIComponent(result.reason) : 'unavailable'}`, 303);
});

// The hook has already decided: a protected path only gets here with a session.
app.get('/dashboard', async (request, reply) =>
  reply.type('text/html').send(`<p>Signed in as ${escapeHtml(getAuth(request).user?.email ?? '')}</p>`));

// requireUser() re-verifies for this handler (defense in depth); 401 JSON for API requests.
app.get('/api/me', { preHandler: requireUser() }, async (request) => {
  const { user } = getAuth(request);
  return { id: user?.id ?? null, email: user?.email ?? null };
});
