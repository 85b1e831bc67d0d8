// The Express 5 app: Lockstep before every route, a login form, a protected page and a protected API.
import express from 'express';
import { getAuth, lockstep, requireUser, sendOutcome, signInWithPassword } from '@lockstep/node/express';
import { escapeHtml } from './html.js';

export const app = express();

app.use(lockstep({
  supabaseUrl: process.env.SUPABASE_URL!,
  supabaseKey: process.env.SUPABASE_ANON_KEY!,
  routes: [
    { match: ['/api/health', '/auth/sign-in'], access: 'public' },
    { match: '/login', access: 'authPage' },
  ], // everything else is protected (deny by default)
}));

app.get('/api/health', (_req, res) => {
  res.json({ ok: true });
});

app.get('/login', (req, res) => {
  const next = typeof req.query.next === 'string' ? req.query.next : '';
  res.type('html').send(`<form method="post" action="/auth/sign-in">
  <input type="hidden" name="next" value="${escapeHtml(next)}">
  <input name="email" type="email" required> <input name="password" type="password" required>
  <button type="submit">Sign in</button>
</form>`);
});

app.post('/auth/sign-in', express.urlencoded({ extended: false }), async (req, res) => {
  const form = req.body as Record<string, unknown>;
  const field = (name: string): string => (typeof form[name] === 'string' ? form[name] : '');
  const result = await signInWithPassword(req, { email: field('email'), password: field('password'), returnTo: field('next') || null });
  if (result.kind === 'signed_in') return sendOutcome(res, result.redirect); // carries the session cookies
  res.redirect(303, `/login?error=${result.kind === 'rejected' ? encodeURIComponent(result.reason) : 'unavailable'}`);
});

// The middleware has already decided: a protected path only gets here with a session.
app.get('/dashboard', (req, res) => {
  res.type('html').send(`<p>Signed in as ${escapeHtml(getAuth(req).user?.email ?? '')}</p>`);
});

// requireUser() re-verifies for this handler (defense in depth); 401 JSON for API requests.
app.get('/api/me', requireUser(), (req, res) => {
  const { user } = getAuth(req);
  res.json({ id: user?.id ?? null, email: user?.email ?? null });
});
