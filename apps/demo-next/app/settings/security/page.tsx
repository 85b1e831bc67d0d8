// `/settings/security` (the instance's `stepUpPath`): TOTP enrolment or step-up to aal2, the API called with a
// Bearer token, and "sign out everywhere". Verified in `user` mode, so the user object lists the factors.
import { sanitizeReturnTo } from '@lockstep/core';
import { auth, serverParts } from '../../../lib/auth';
import { BearerCall, HydrationMark, SignedOutWatcher } from './api-clients';
import { SecurityForms } from './security-forms';

export default async function Security({ searchParams }: { readonly searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, claims, session } = await auth.requireUser({ mode: 'user' });
  const query = await searchParams;
  const next = sanitizeReturnTo(typeof query.next === 'string' ? query.next : null);
  const requirement = typeof query.requirement === 'string' ? query.requirement : null;
  const factors = serverParts().totp.verified(user.raw);
  const aal = typeof claims.aal === 'string' ? claims.aal : 'aal1';
  return (
    <>
      <h1 data-testid="page-title">Security</h1>
      {requirement === 'aal' && next !== null ? (
        <p className="card" data-testid="step-up-reason">
          <code>{next}</code> needs a second factor (aal2). {factors.length === 0 ? 'Set one up below; you go on there once it is verified.' : 'Enter a code from your authenticator to go on.'}
        </p>
      ) : null}
      <section className="card">
        <div className="label">Second factor</div>
        <p>
          This session: <span className={`badge ${aal === 'aal2' ? 'ok' : 'warn'}`} data-testid="session-aal">{aal}</span> · verified TOTP factors:{' '}
          <span data-testid="factor-count">{factors.length}</span>
        </p>
        <SecurityForms aal={aal} next={next} factorId={factors[0]?.id ?? null} />
      </section>
      <section className="card">
        <div className="label">API clients (Bearer token)</div>
        <p>
          Mobile apps, CLIs and other servers send <code>Authorization: Bearer &lt;access token&gt;</code> instead of cookies. The button calls <code>/api/profile</code> that way,
          with <code>credentials: &apos;omit&apos;</code>.
        </p>
        <details>
          <summary>This session&apos;s access token (expires with it)</summary>
          <code data-testid="access-token">{session.accessToken}</code>
        </details>
        <BearerCall accessToken={session.accessToken} />
      </section>
      <section className="card">
        <div className="label">Sessions</div>
        <p>Ends every session of this user, in every browser. Other browsers notice within a second.</p>
        <form method="post" action="/logout">
          <input type="hidden" name="scope" value="global" />
          <button type="submit" data-testid="sign-out-everywhere">Sign out everywhere</button>
        </form>
        <SignedOutWatcher />
      </section>
      <HydrationMark />
    </>
  );
}
