// `/admin/billing`: only with a second factor (`aal: 'aal2'` on the route and in the guard); otherwise the proxy
// sends the user to /settings/security with the return-to.
import { auth } from '../../../lib/auth';

export default async function Billing() {
  const { claims } = await auth.requireUser({ mode: 'user', aal: 'aal2' });
  return (
    <>
      <h1 data-testid="page-title">Billing</h1>
      <p className="muted">
        The route rule says <code>aal: &apos;aal2&apos;</code>: a session without a second factor is sent to <code>/settings/security</code> (with the return-to) and comes back
        here after the code.
      </p>
      <div className="card">
        <div className="label">Assurance level</div>
        <div className="big" data-testid="billing-aal">{String(claims.aal ?? 'aal1')}</div>
      </div>
    </>
  );
}
