// `/admin`: protected in `user` mode, so a session revoked elsewhere is noticed at once.
import { revocationNote } from '@lockstep/demo-kit/events';
import { auth } from '../../lib/auth';

const FIELDS = ['id', 'email', 'role', 'created_at', 'last_sign_in_at'] as const;

export default async function Admin() {
  const { user } = await auth.requireUser({ mode: 'user' });
  return (
    <>
      <h1 data-testid="page-title">Admin</h1>
      <p className="muted">This page asks the auth server for the user on every request (instead of when the access token expires).</p>
      <p><span className="badge" data-testid="revocation-note">{revocationNote('user', 0)}</span></p>
      <div className="card">
        <table data-testid="admin-user">
          <tbody>
            {FIELDS.map((field) => (
              <tr key={field}><td>{field}</td><td><code>{String(user.raw[field] ?? '—')}</code></td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
