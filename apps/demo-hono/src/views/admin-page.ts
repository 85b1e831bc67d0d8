// The admin page: the user as the auth server reports it right now (`user` verify mode).
import type { SessionUser } from '@lockstep/core';
import { revocationNote } from '@lockstep/demo-kit';
import { html } from 'hono/html';
import { layout, type Html } from './layout.js';

/** Renders `/admin`. */
export function adminPage(user: SessionUser): Html {
  const fields = ['id', 'email', 'role', 'created_at', 'last_sign_in_at'] as const;
  return layout(
    'Admin',
    user,
    html`<h1>Admin</h1>
      <p class="muted">This page asks the auth server for the user on every request, so a session revoked
        elsewhere is noticed at once (instead of when the access token expires).</p>
      <p><span class="badge" data-testid="revocation-note">${revocationNote('user', 0)}</span></p>
      <div class="card">
        <table data-testid="admin-user">
          ${fields.map((field) => html`<tr><td>${field}</td><td><code>${String(user.raw[field] ?? '—')}</code></td></tr>`)}
        </table>
      </div>`,
  );
}
