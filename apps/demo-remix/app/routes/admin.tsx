// `/admin`: the user as the auth server reports it right now (`user` verify mode, re-checked by the loader's guard).
import { revocationNote } from '@lockstep/demo-kit/events';
import { requireUser } from '@lockstep/remix';
import { useLoaderData, type LoaderFunctionArgs } from 'react-router';

const FIELDS = ['id', 'email', 'role', 'created_at', 'last_sign_in_at'] as const;

export async function loader(args: LoaderFunctionArgs) {
  const { user } = await requireUser(args, 'user');
  return { revocation: revocationNote('user', 0), fields: FIELDS.map((field) => [field, String(user.raw[field] ?? '—')] as const) };
}

export default function Admin() {
  const { fields, revocation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Admin</h1>
      <p className="muted">This page asks the auth server for the user on every request, so a session revoked elsewhere is noticed at once.</p>
      <p><span className="badge" data-testid="revocation-note">{revocation}</span></p>
      <div className="card">
        <table data-testid="admin-user">
          <tbody>
            {fields.map(([field, value]) => (
              <tr key={field}><td>{field}</td><td><code>{value}</code></td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
