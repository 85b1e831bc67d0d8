// The panel on every protected page: who is signed in, the token's countdown, and the recent refresh events.
import { describeEvent, revocationNote, type LoggedEvent } from '@lockstep/demo-kit';
import { html, raw } from 'hono/html';
import { PAGE_SCRIPT } from './countdown-script.js';
import type { Html } from './layout.js';
import type { SessionView } from './session-view.js';

/** Renders the panel and its script. */
export function sessionPanel(view: SessionView): Html {
  const { auth } = view;
  const untilRefresh = Math.max(0, view.refreshAt - view.now);
  const untilExpiry = Math.max(0, view.expiresAt - view.now);
  return html`<section class="grid">
      <div class="card">
        <div class="label">Signed in as</div>
        <div class="big" data-testid="user-email">${auth.user.email ?? '(no email)'}</div>
        <div class="muted"><code>${auth.user.id}</code></div>
        <div>
          <span class="badge">verified by ${auth.verifiedBy}</span>
          ${auth.refreshed ? html`<span class="badge ok" data-testid="refreshed-badge">refreshed on this request</span>` : ''}
        </div>
        <div class="muted" data-testid="revocation-note">${revocationNote(auth.verifiedBy, untilExpiry)}</div>
      </div>
      <div class="card">
        <div class="label">Access token expires in</div>
        <div class="big" data-countdown="${untilExpiry}" data-done="expired" data-testid="expires-in">${untilExpiry}s</div>
        <div class="muted">at ${clockTime(view.expiresAt)}</div>
      </div>
      <div class="card">
        <div class="label">Next request refreshes in</div>
        <div class="big" data-countdown="${untilRefresh}" data-done="now — reload">${untilRefresh}s</div>
        <div class="muted">refresh point ${clockTime(view.refreshAt)}</div>
      </div>
    </section>
    <section class="card">
      <div class="label">Recent session events (newest first)</div>
      ${view.events.length === 0 ? html`<p class="muted">None yet.</p>` : eventTable(view.events)}
    </section>
    <section class="card">
      <div class="label">Try it</div>
      <p>Fire 8 parallel <code>fetch('/api/me')</code>: past the refresh point they share one refresh.</p>
      <button data-burst type="button">Send 8 requests</button> <span data-burst-out class="muted"></span>
    </section>
    <script type="module">${raw(PAGE_SCRIPT)}</script>`;
}

function eventTable(events: readonly LoggedEvent[]): Html {
  return html`<table data-testid="events">
    <tr><th>time (UTC)</th><th>event</th><th>details</th></tr>
    ${events.map(({ at, event }) => html`<tr><td>${clockTime(at)}</td><td><code>${event.type}</code></td><td class="muted">${describeEvent(event)}</td></tr>`)}
  </table>`;
}

function clockTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(11, 19);
}
