// src/app.ts — one Hono app for workerd, Bun and Deno. The settings come from the runtime's bindings (`c.env`),
// not `process.env`: Workers have no process without the Node compatibility flag. The middleware
// is created at the first request (the bindings exist only then) and kept: its caches make
// concurrent refreshes single-flight within the isolate or process.
import { toWebResponse } from '@lockstep/core';
import { lockstep, requireUser, signInWithPassword } from '@lockstep/hono';
import { Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html'; // escapes interpolated values

/** The bindings: Worker vars/secrets, or what the Bun and Deno entries pass to `app.fetch`. */
export interface Bindings {
  SUPABASE_URL: string;
  SUPABASE_ANON_KEY: string;
}

export const app = new Hono<{ Bindings: Bindings }>();

let auth: MiddlewareHandler | undefined;
app.use('*', (c, next) => {
  auth ??= lockstep({
    supabaseUrl: c.env.SUPABASE_URL,
    supabaseKey: c.env.SUPABASE_ANON_KEY,
    routes: [
      { match: ['/api/health', '/auth/sign-in'], access: 'public' },
      { match: '/login', access: 'authPage' },
    ], // everything else is protected (deny by default)
  });
  return auth(c, next);
});

app.get('/api/health', (c) => c.json({ ok: true }));

app.post('/auth/sign-in', async (c) => {
  const form = await c.req.parseBody();
  const result = await signInWithPassword(c, {
    email: typeof form.email === 'string' ? form.email : '',
    password: typeof form.password === 'string' ? form.password : '',
    returnTo: typeof form.next === 'string' && form.next !== '' ? form.next : null,
  });
  if (result.kind === 'signed_in') return toWebResponse(result.redirect); // carries the session cookies
  return c.redirect(`/login?error=${result.kind === 'rejected' ? encodeURIComponent(result.reason) : 'unavailable'}`, 303);
});

app.get('/dashboard', (c) => c.html(html`<p>Signed in as ${c.var.user?.email ?? ''}</p>`));
app.get('/api/me', requireUser(), (c) => c.json({ id: c.var.user?.id ?? null, email: c.var.user?.email ?? null }));
