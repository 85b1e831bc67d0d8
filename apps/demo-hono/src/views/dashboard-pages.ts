// The protected pages under /dashboard: the overview and a nested settings page, both with the session panel.
import type { LockstepConfig } from '@lockstep/core';
import { html } from 'hono/html';
import { layout, type Html } from './layout.js';
import { sessionPanel } from './session-panel.js';
import type { SessionView } from './session-view.js';

/** Renders `/dashboard`. */
export function dashboardPage(view: SessionView): Html {
  return layout(
    'Dashboard',
    view.auth.user,
    html`<h1>Dashboard</h1>
      <p class="muted">Rendered on the server after the middleware verified (and, near expiry, refreshed) the session.</p>
      ${sessionPanel(view)}`,
  );
}

/** Renders `/dashboard/settings`: the resolved Lockstep settings (no secrets) next to the session. */
export function settingsPage(view: SessionView, config: LockstepConfig): Html {
  return layout(
    'Settings',
    view.auth.user,
    html`<h1>Session settings</h1>
      <div class="card">
        <table>
          <tr><td>Auth server</td><td><code>${config.authUrl}</code></td></tr>
          <tr><td>Session cookie name</td><td><code>${config.storageKey}</code> (value never shown)</td></tr>
          <tr><td>Login page</td><td><code>${config.loginPath}</code>, return-to parameter <code>${config.returnToParam}</code></td></tr>
          <tr><td>Token lifetime</td><td>${tokenLifetime(view)}</td></tr>
        </table>
      </div>
      ${sessionPanel(view)}`,
  );
}

function tokenLifetime(view: SessionView): string {
  const { iat, exp } = view.auth.claims;
  return iat === undefined ? 'unknown' : `${exp - iat} s (refreshed ${exp - view.refreshAt} s before expiry)`;
}
