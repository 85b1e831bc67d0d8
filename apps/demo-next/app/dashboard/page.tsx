import { auth } from '../../lib/auth';
import { signOut } from '../../lib/actions';

export default async function Dashboard() {
  const { user, session } = await auth.requireUser();
  return (
    <section>
      <h1>Dashboard</h1>
      <p id="user">{user.email}</p>
      <p id="expires">Token expires at {new Date(session.expiresAt * 1000).toISOString()}</p>
      <form action={signOut}><button type="submit">Sign out</button></form>
    </section>
  );
}
