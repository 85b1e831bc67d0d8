// The public landing page: what the demo is and where to go.
import type { SessionUser } from '@lockstep/core';
import { html } from 'hono/html';
import { layout, type Html } from './layout.js';

/** Renders `/`; `user` is set when a session cookie was present and valid. */
export function homePage(user: SessionUser | null): Html {
  return layout(
    'Home',
    user,
    html`<h1>Sessions that stay in lockstep</h1>
      <p>This Hono app keeps a Supabase Auth session in step between the browser, the middleware and the
        handlers: tokens are refreshed once, before they expire, and the new cookies reach the browser on
        every kind of response.</p>
      <div class="card">
        ${user === null
          ? html`<p>You are not signed in. <a href="/login?next=%2Fdashboard">Sign in</a> or open the
              <a href="/dashboard">dashboard</a> to be sent to the login page and back.</p>`
          : html`<p>Signed in as <strong>${user.email ?? user.id}</strong>. Go to the <a href="/dashboard">dashboard</a>.</p>`}
      </div>
      <div class="card">
        <div class="label">Routes</div>
        <table>
          <tr><td><a href="/dashboard">/dashboard</a>, <a href="/dashboard/settings">/dashboard/settings</a></td><td>protected, token verified locally (<code>claims</code>)</td></tr>
          <tr><td><a href="/admin">/admin</a></td><td>protected, checked with the auth server (<code>user</code>)</td></tr>
          <tr><td><a href="/api/me">/api/me</a></td><td>protected JSON; 401 JSON when signed out</td></tr>
          <tr><td><a href="/api/health">/api/health</a></td><td>public</td></tr>
          <tr><td><code>POST /api/webhooks/:name</code></td><td>public, no session work</td></tr>
        </table>
      </div>`,
  );
}
