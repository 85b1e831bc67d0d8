// A protected page: the proxy checked the session; the page re-verifies it (defense in depth).
import { auth } from '../../lib/auth';

export default async function Dashboard() {
  const { user } = await auth.requireUser();
  return <p>Signed in as {user.email}</p>;
}
