// `/admin/billing`: only with a second factor (`aal: 'aal2'` on the route and in the guard); otherwise the
// middleware sends the user to /settings/security with the return-to.
import { requireUser } from '@lockstep/remix';
import { useLoaderData, type LoaderFunctionArgs } from 'react-router';

export async function loader(args: LoaderFunctionArgs) {
  const { claims } = await requireUser(args, { mode: 'user', aal: 'aal2' });
  return { aal: String(claims.aal ?? 'aal1') };
}

export default function Billing() {
  const { aal } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Billing</h1>
      <p className="muted">
        The route rule says <code>aal: &apos;aal2&apos;</code>: a session without a second factor is sent to <code>/settings/security</code> (with the return-to) and comes back
        here after the code.
      </p>
      <div className="card">
        <div className="label">Assurance level</div>
        <div className="big" data-testid="billing-aal">{aal}</div>
      </div>
    </>
  );
}
