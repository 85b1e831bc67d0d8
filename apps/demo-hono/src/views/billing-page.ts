// /admin/billing: only reachable with a second factor (an `aal: 'aal2'` rule).
import type { AuthState } from '@lockstep/core';
import { html } from 'hono/html';
import { layout, type Html } from './layout.js';

/** Renders `/admin/billing`. */
export function billingPage(auth: Extract<AuthState, { kind: 'authenticated' }>): Html {
  return layout(
    'Billing',
    auth.user,
    html`<h1>Billing</h1>
      <p class="muted">The route rule says <code>aal: 'aal2'</code>: a session without a second factor is sent to
        <code>/settings/security</code> (with the return-to) and comes back here after the code.</p>
      <div class="card"><div class="label">Assurance level</div><div class="big" data-testid="billing-aal">${String(auth.claims.aal ?? 'aal1')}</div></div>`,
  );
}
