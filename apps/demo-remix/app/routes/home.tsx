// `/`: public; shows who is signed in, if anyone.
import { getAuth } from '@lockstep/remix';
import { Link, useLoaderData, type LoaderFunctionArgs } from 'react-router';

export function loader({ context }: LoaderFunctionArgs) {
  const { user } = getAuth(context);
  return { email: user === null ? null : (user.email ?? user.id) };
}

export default function Home() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Sessions that stay in lockstep</h1>
      <p>
        This React Router app refreshes the Supabase Auth session once per request in its root middleware: every loader of the
        request reads the result from a typed context, and the new cookies go onto whatever response the route produces.
      </p>
      <div className="card">
        {email === null ? (
          <p>
            You are not signed in. <Link to="/login?next=%2Fdashboard">Sign in</Link> or open the <Link to="/dashboard">dashboard</Link>{' '}
            to be sent to the login page and back.
          </p>
        ) : (
          <p>
            Signed in as <strong>{email}</strong>. Go to the <Link to="/dashboard">dashboard</Link>.
          </p>
        )}
      </div>
      <div className="card">
        <div className="label">Routes</div>
        <table>
          <tbody>
            <tr><td><Link to="/dashboard">/dashboard</Link>, <Link to="/dashboard/settings">/dashboard/settings</Link></td><td>protected, token verified locally (<code>claims</code>)</td></tr>
            <tr><td><Link to="/admin">/admin</Link></td><td>protected, checked with the auth server (<code>user</code>)</td></tr>
            <tr><td><a href="/api/me">/api/me</a></td><td>protected JSON; 401 JSON when signed out</td></tr>
            <tr><td><a href="/api/health">/api/health</a></td><td>public</td></tr>
            <tr><td><code>POST /api/webhooks/:name</code></td><td>public, no session work</td></tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
