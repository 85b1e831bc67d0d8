// `/`: public; shows the user when the request carries a valid session.
import Link from 'next/link';
import { auth } from '../lib/auth';

export default async function Home() {
  const state = await auth.getAuth();
  return (
    <>
      <h1>Sessions that stay in lockstep</h1>
      <p>
        This App Router app keeps a Supabase Auth session in step between the browser, the proxy, Server Components, Route Handlers and
        Server Actions: tokens are refreshed once, before they expire, and the new cookies reach both the browser and the code that renders.
      </p>
      <div className="card" data-testid="home-state">
        {state.kind === 'authenticated' ? (
          <p>
            Signed in as <strong>{state.user.email ?? state.user.id}</strong>. Go to the <Link href="/dashboard">dashboard</Link>.
          </p>
        ) : (
          <p>
            Not signed in. <Link href="/login?next=%2Fdashboard">Sign in</Link> or open the <Link href="/dashboard">dashboard</Link> to be sent
            to the login page and back.
          </p>
        )}
      </div>
      <div className="card">
        <div className="label">Routes</div>
        <table>
          <tbody>
            <tr><td><Link href="/dashboard">/dashboard</Link>, <Link href="/dashboard/settings">/dashboard/settings</Link></td><td>protected, token verified locally (<code>claims</code>)</td></tr>
            <tr><td><Link href="/admin">/admin</Link></td><td>protected, checked with the auth server (<code>user</code>)</td></tr>
            <tr><td><a href="/print">/print</a></td><td>outside the proxy matcher: guarded only by <code>requireUser()</code></td></tr>
            <tr><td><a href="/api/me">/api/me</a></td><td>protected JSON; 401 JSON when signed out</td></tr>
            <tr><td><a href="/api/health">/api/health</a></td><td>public</td></tr>
            <tr><td><code>POST /api/webhooks/*</code></td><td>public, no session work</td></tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
