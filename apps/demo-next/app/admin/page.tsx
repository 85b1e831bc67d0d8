import { auth } from '../../lib/auth';

export default async function Admin() {
  const { user } = await auth.requireUser({ mode: 'user' });
  return <h1 id="admin">Admin (checked with the auth server) — {user.email}</h1>;
}
