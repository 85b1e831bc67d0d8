// The Hono app: Lockstep on every path, a login form, a protected page and a protected API.
import { toWebResponse } from '@lockstep/core';
import { lockstep, requireUser, signInWithPassword } from '@lockstep/hono';
import { Hono } from 'hono';
import { html } from 'hono/html'; // escapes interpolated values

export const app = new Hono();

app.use('*', lockstep({
  supabaseUrl: process.env.SUPABASE_URL!,
  supabaseKey: process.env.SUPABASE_ANON_KEY!,
  routes: [
    { match: ['/api/health', '/auth/sign-in'], access: 'public' },
    { match: '/login', access: 'authPage' },
  ], // everything else is protected (deny by default)
}));

app.get('/api/health', (c) => c.json({ ok: true }));

app.get('/login', (c) =>
  c.html(html`<form method="post" action="/auth/sign-in">
  <input type="hidden" name="next" value="${c.req.query('next') ?? ''}">
  <input name="email" type="email" required> <input name="password" type="password" required>
  <button type="submit">Sign in</button>
</form>`));

app.post('/auth/sign-in', async (c) => {
  const form = await c.req.parseBody();
  const next = typeof form.next === 'string' && form.next !== '' ? form.next : null; // validated by Lockstep
  const result = await signInWithPassword(c, {
    email: typeof form.email === 'string' ? form.email : '',
    password: typeof form.password === 'string' ? form.password : '',
    returnTo: next,
  });
  if (result.kind === 'signed_in') return toWebResponse(result.redirect); // carries the session cookies
  return c.redirect(`/login?error=${result.kind === 'rejected' ? encodeURIComponent(result.reason) : 'unavailable'}`, 303);
});

// The middleware has already decided: a protected path only gets here with a session.
app.get('/dashboard', (c) => c.html(html`<p>Signed in as ${c.var.user?.email ?? ''}</p>`));

// requireUser() re-verifies for this handler (defense in depth); 401 JSON for API requests.
app.get('/api/me', requireUser(), (c) => c.json({ id: c.var.user?.id ?? null, email: c.var.user?.email ?? null }));
