// `/print`: left out of the proxy matcher on purpose (see proxy.ts). Nothing refreshes the session
// here, and only the server helper guards it: without a valid access token it redirects to /login.
import { auth } from '../../lib/auth';

export default async function Print() {
  const { user, session } = await auth.requireUser();
  return (
    <>
      <h1 data-testid="page-title">Print view</h1>
      <p className="muted">
        The proxy never sees this path, so an expired token is not renewed here: the page itself checks the session with
        <code> requireUser()</code>.
      </p>
      <div className="card">
        <p data-testid="print-user">{user.email ?? user.id}</p>
        <p className="muted">Token valid until {new Date(session.expiresAt * 1000).toISOString()} (demo clock).</p>
      </div>
    </>
  );
}
