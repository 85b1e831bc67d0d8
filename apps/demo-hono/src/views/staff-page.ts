// /admin/staff: only for users with the `admin` role in app_metadata (a `roles` rule); others get 403.
import { defaultRoles, type AuthState } from '@lockstep/core';
import { html } from 'hono/html';
import { layout, type Html } from './layout.js';

/** Renders `/admin/staff`. */
export function staffPage(auth: Extract<AuthState, { kind: 'authenticated' }>): Html {
  return layout(
    'Staff',
    auth.user,
    html`<h1>Staff</h1>
      <p class="muted">The route rule says <code>roles: ['admin']</code>, read from <code>app_metadata.roles</code>
        (only the service key can set it). A signed-in user without the role gets 403, never a login loop.</p>
      <div class="card"><div class="label">Your roles</div><div class="big" data-testid="staff-roles">${defaultRoles(auth.claims).join(', ')}</div></div>`,
  );
}
