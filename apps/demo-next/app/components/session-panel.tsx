// The panel on every dashboard page: who is signed in, the token's countdowns, the recent session events.
import { describeEvent, revocationNote } from '@lockstep/demo-kit/events';
import type { LoggedEvent } from '../../lib/event-log';
import type { SessionView } from '../../lib/session-view';
import { Countdown } from './countdown';
import { ParallelFetches } from './parallel-fetches';

export function SessionPanel({ view }: { readonly view: SessionView }) {
  const untilRefresh = Math.max(0, view.refreshAt - view.now);
  const untilExpiry = Math.max(0, view.expiresAt - view.now);
  return (
    <>
      <section className="grid">
        <div className="card">
          <div className="label">Signed in as</div>
          <div className="big" data-testid="user-email">{view.email}</div>
          {view.displayName === null ? null : <div data-testid="display-name">“{view.displayName}”</div>}
          <div className="muted"><code>{view.userId}</code></div>
          <span className="badge">verified by {view.verifiedBy}</span>
          <div className="muted" data-testid="revocation-note">{revocationNote(view.verifiedBy, untilExpiry)}</div>
          {/* The /logout Route Handler (signOutResponse): its answer keeps private, no-store. */}
          <form method="post" action="/logout">
            <button className="quiet" type="submit" data-testid="sign-out">Sign out</button>
          </form>
        </div>
        <div className="card">
          <div className="label">Access token expires in</div>
          <div className="big"><Countdown key={`e${view.expiresAt}-${view.now}`} seconds={untilExpiry} done="expired" testId="expires-in" /></div>
          <div className="muted">at {clockTime(view.expiresAt)} (UTC, demo clock)</div>
        </div>
        <div className="card">
          <div className="label">Next request refreshes in</div>
          <div className="big"><Countdown key={`r${view.refreshAt}-${view.now}`} seconds={untilRefresh} done="now — navigate" /></div>
          <div className="muted">refresh point {clockTime(view.refreshAt)}</div>
        </div>
      </section>
      <section className="card">
        <div className="label">Recent session events of this server process (newest first)</div>
        {view.events.length === 0 ? <p className="muted">None yet.</p> : <EventTable events={view.events} />}
      </section>
      <ParallelFetches />
    </>
  );
}

function EventTable({ events }: { readonly events: readonly LoggedEvent[] }) {
  return (
    <table data-testid="events">
      <thead>
        <tr><th>time (UTC)</th><th>event</th><th>details</th></tr>
      </thead>
      <tbody>
        {events.map(({ at, event }, index) => (
          <tr key={`${at}-${index}`}>
            <td>{clockTime(at)}</td>
            <td><code>{event.type}</code></td>
            <td className="muted">{describeEvent(event)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function clockTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(11, 19);
}
