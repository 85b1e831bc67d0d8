// `/dashboard`: protected (the proxy refreshes near expiry; the page guards itself again).
import { SessionPanel } from '../components/session-panel';
import { auth } from '../../lib/auth';
import { sessionView } from '../../lib/session-view';

export default async function Dashboard() {
  const view = sessionView(await auth.requireUser());
  return (
    <>
      <h1 data-testid="page-title">Dashboard</h1>
      <p className="muted">A Server Component, rendered after the proxy verified (and, near expiry, refreshed) the session.</p>
      <SessionPanel view={view} />
    </>
  );
}
