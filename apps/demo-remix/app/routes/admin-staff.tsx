// `/admin/staff`: only for users with the `admin` role in app_metadata (`roles: ['admin']`); others get 403.
import { defaultRoles } from '@lockstep/core';
import { requireUser } from '@lockstep/remix';
import { useLoaderData, type LoaderFunctionArgs } from 'react-router';

export async function loader(args: LoaderFunctionArgs) {
  const { claims } = await requireUser(args, { mode: 'user', roles: ['admin'] });
  return { roles: defaultRoles(claims).join(', ') };
}

export default function Staff() {
  const { roles } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Staff</h1>
      <p className="muted">
        The route rule says <code>roles: [&apos;admin&apos;]</code>, read from <code>app_metadata.roles</code> (only the service key can set it). A signed-in user without the role
        gets 403, never a login loop.
      </p>
      <div className="card">
        <div className="label">Your roles</div>
        <div className="big" data-testid="staff-roles">{roles}</div>
      </div>
    </>
  );
}
