// `/admin/staff`: only for users with the `admin` role in app_metadata (`roles: ['admin']`); the proxy answers 403 to others.
import { defaultRoles } from '@lockstep/core';
import { auth } from '../../../lib/auth';

export default async function Staff() {
  const { claims } = await auth.requireUser({ mode: 'user', roles: ['admin'] });
  return (
    <>
      <h1 data-testid="page-title">Staff</h1>
      <p className="muted">
        The route rule says <code>roles: [&apos;admin&apos;]</code>, read from <code>app_metadata.roles</code> (only the service key can set it). A signed-in user without the role
        gets 403, never a login loop.
      </p>
      <div className="card">
        <div className="label">Your roles</div>
        <div className="big" data-testid="staff-roles">{defaultRoles(claims).join(', ')}</div>
      </div>
    </>
  );
}
