// `/dashboard` (layout of the protected pages): the user, the token's expiry and the recent session events.
import { revocationNote } from '@lockstep/demo-kit/events';
import { getAuth } from '@lockstep/remix';
import { Outlet, useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { demoContext } from '../demo-context.js';

export function loader({ context }: LoaderFunctionArgs) {
  const { auth } = getAuth(context);
  // The middleware only lets authenticated requests reach /dashboard/**.
  if (auth.kind !== 'authenticated') throw new Error('dashboard reached without a session');
  const { events, now } = context.get(demoContext);
  const at = now();
  return {
    email: auth.user.email ?? auth.user.id,
    secondsLeft: Math.max(0, Math.round(auth.claims.exp - at)),
    refreshed: auth.refreshed,
    verifiedBy: auth.verifiedBy,
    revocation: revocationNote(auth.verifiedBy, auth.claims.exp - at),
    events: events.recentFor(auth.user.id, 10).map(({ at: when, event }) => ({ ago: Math.round(at - when), type: event.type, detail: 'reason' in event ? String(event.reason) : '' })),
  };
}

export default function Dashboard() {
  const view = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dashboard</h1>
      <p className="muted">Rendered after the root middleware verified (and, near expiry, refreshed) the session once for all loaders.</p>
      <div className="card">
        <table>
          <tbody>
            <tr><td>Signed in as</td><td data-testid="user-email">{view.email}</td></tr>
            <tr><td>Access token expires in</td><td data-testid="token-expiry">{view.secondsLeft} s</td></tr>
            <tr><td>Verified by</td><td><code>{view.verifiedBy}</code> <span className="muted" data-testid="revocation-note">{view.revocation}</span></td></tr>
          </tbody>
        </table>
        {view.refreshed ? <p className="ok" data-testid="refreshed-badge">The session was refreshed on this request.</p> : null}
      </div>
      <Outlet />
      <div className="card">
        <div className="label">Recent session events</div>
        <ul data-testid="events">
          {view.events.map((event, index) => (
            <li key={index}>
              <code>{event.type}</code> {event.detail} <span className="muted">({event.ago} s ago)</span>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
