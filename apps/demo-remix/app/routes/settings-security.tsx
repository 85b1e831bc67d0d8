// `/settings/security` (the instance's `stepUpPath`): TOTP enrolment or step-up to aal2, the API called with a
// Bearer token, and "sign out everywhere". Its forms post as documents, so a verify's redirect carries the raised
// session's cookies straight to the browser.
import { capabilityOf, sanitizeReturnTo, toWebResponse } from '@lockstep/core';
import { factorError } from '@lockstep/demo-kit/assurance';
import { requireUser } from '@lockstep/remix';
import { useEffect, useState } from 'react';
import { Form, useActionData, useLoaderData, type ActionFunctionArgs, type LoaderFunctionArgs } from 'react-router';
import { demoContext } from '../demo-context.js';

const HOME = '/settings/security';

export async function loader(args: LoaderFunctionArgs) {
  const { user, claims, session } = await requireUser(args, 'user');
  const factors = args.context.get(demoContext).totp.verified(user.raw);
  return {
    aal: typeof claims.aal === 'string' ? claims.aal : 'aal1',
    factorId: factors[0]?.id ?? null,
    factorCount: factors.length,
    next: returnTo(args.url.searchParams.get('next')),
    requirement: args.url.searchParams.get('requirement'),
    // Shown in the page for the Bearer demo; it is this session's own token and expires with it.
    accessToken: session.accessToken,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { session } = await requireUser(args, 'user');
  const { request } = args;
  // A form post that changes the session must come from our own pages (no CSRF token in this demo: the Origin header).
  if (request.headers.get('origin') !== new URL(request.url).origin) return new Response('Cross-site form post refused', { status: 403 });
  const { totp, lockstep } = args.context.get(demoContext);
  const form = await request.formData();
  const next = returnTo(String(form.get('next') ?? ''));
  if (form.get('intent') === 'enrol') {
    const enrolment = await totp.enrol(session.accessToken);
    if (enrolment.kind === 'rejected') return { next, error: enrolment.message, pendingFactorId: null, enrolment: null };
    const qr = `data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString('base64')}`;
    return { next, error: null, pendingFactorId: null, enrolment: { factorId: enrolment.factorId, secret: enrolment.secret, qr } };
  }
  const factorId = String(form.get('factorId') ?? '');
  // Checked with the current session; the redirect writes the raised (aal2) session, whose refresh token replaced ours.
  const result = await capabilityOf(lockstep, 'verifyFactor')(request, { factorId, code: String(form.get('code') ?? '').trim(), returnTo: next ?? HOME });
  if (result.kind === 'signed_in') return toWebResponse(result.redirect);
  return { next, error: factorError(result), pendingFactorId: factorId, enrolment: null };
}

/** The return-to, when it is a safe local path (the core's check); never this page's own posts. */
function returnTo(value: string | null): string | null {
  const target = sanitizeReturnTo(value);
  return target === null || target.startsWith(`${HOME}?`) || target === HOME ? null : target;
}

export default function Security() {
  const data = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  // The forms post to the bare path: after a post, the return-to comes back with the action's data.
  const next = posted === undefined ? data.next : posted.next;
  return (
    <>
      <h1>Security</h1>
      {data.requirement === 'aal' && next !== null ? (
        <p className="card" data-testid="step-up-reason">
          <code>{next}</code> needs a second factor (aal2). {data.factorCount === 0 ? 'Set one up below; you go on there once it is verified.' : 'Enter a code from your authenticator to go on.'}
        </p>
      ) : null}
      {posted?.error ? (
        <p className="error" role="alert" data-testid="mfa-error">
          {posted.error}
        </p>
      ) : null}
      <section className="card">
        <div className="label">Second factor</div>
        <p>
          This session: <span className={`badge ${data.aal === 'aal2' ? 'ok' : 'warn'}`} data-testid="session-aal">{data.aal}</span> · verified TOTP factors:{' '}
          <span data-testid="factor-count">{data.factorCount}</span>
        </p>
        <FactorSection aal={data.aal} next={next} factorId={data.factorId} posted={posted ?? null} />
      </section>
      <BearerSection accessToken={data.accessToken} />
      <SessionsSection />
    </>
  );
}

type Posted = { error: string | null; pendingFactorId: string | null; enrolment: { factorId: string; secret: string; qr: string } | null };

function FactorSection({ aal, next, factorId, posted }: { aal: string; next: string | null; factorId: string | null; posted: Posted | null }) {
  if (posted?.enrolment) {
    return (
      <>
        <p>Scan the code with an authenticator app, or type the secret, then enter the 6-digit code.</p>
        <img src={posted.enrolment.qr} alt="QR code of the new factor" width={180} height={180} data-testid="totp-qr" />
        <p>
          Secret: <code data-testid="totp-secret">{posted.enrolment.secret}</code>
        </p>
        <CodeForm factorId={posted.enrolment.factorId} next={next} label="Verify and turn on" />
      </>
    );
  }
  if (posted?.pendingFactorId) return <CodeForm factorId={posted.pendingFactorId} next={next} label="Verify" />;
  if (factorId !== null) {
    return aal === 'aal2' && next === null ? <p className="ok">This session has passed its second factor.</p> : <CodeForm factorId={factorId} next={next} label="Verify" />;
  }
  return (
    <Form method="post" action={HOME} reloadDocument>
      <input type="hidden" name="intent" value="enrol" />
      <input type="hidden" name="next" value={next ?? ''} />
      <button type="submit" data-testid="mfa-enrol">Set up an authenticator app</button>
    </Form>
  );
}

function CodeForm({ factorId, next, label }: { factorId: string; next: string | null; label: string }) {
  return (
    <Form className="stack" method="post" action={HOME} reloadDocument data-testid="mfa-verify">
      <input type="hidden" name="intent" value="verify" />
      <input type="hidden" name="factorId" value={factorId} />
      <input type="hidden" name="next" value={next ?? ''} />
      <label>
        Code <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" required />
      </label>
      <button type="submit">{label}</button>
    </Form>
  );
}

/** Calls `/api/profile` with `Authorization: Bearer` and no cookies, as a mobile app or CLI would. */
function BearerSection({ accessToken }: { accessToken: string }) {
  const [answer, setAnswer] = useState<{ status: number; text: string } | null>(null);
  const call = async () => {
    const response = await fetch('/api/profile', { credentials: 'omit', headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
    setAnswer({ status: response.status, text: `${String(response.status)} ${JSON.stringify(await response.json())}` });
  };
  return (
    <section className="card">
      <div className="label">API clients (Bearer token)</div>
      <p>
        Mobile apps, CLIs and other servers send <code>Authorization: Bearer &lt;access token&gt;</code> instead of cookies. The button calls <code>/api/profile</code> that way, with{' '}
        <code>credentials: &apos;omit&apos;</code>.
      </p>
      <details>
        <summary>This session&apos;s access token (expires with it)</summary>
        <code data-testid="access-token">{accessToken}</code>
      </details>
      <p>
        <button className="quiet" type="button" data-testid="bearer-call" onClick={() => void call()}>
          Call /api/profile with the token
        </button>
      </p>
      <pre className="muted" data-testid="bearer-out" data-status={answer?.status}>
        {answer?.text}
      </pre>
    </section>
  );
}

/** "Sign out everywhere", and a watcher that notices when another browser did it (`/api/me` polled every 250 ms). */
function SessionsSection() {
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => {
      void fetch('/api/me', { headers: { accept: 'application/json' } }).then(
        (response) => {
          if (response.status !== 401) return;
          clearInterval(timer);
          setSignedOut(true);
        },
        () => undefined,
      );
    }, 250);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="card">
      <div className="label">Sessions</div>
      <p>Ends every session of this user, in every browser. Other browsers notice within a second.</p>
      <Form method="post" action="/logout" reloadDocument>
        <input type="hidden" name="scope" value="global" />
        <button type="submit" data-testid="sign-out-everywhere">Sign out everywhere</button>
      </Form>
      <p className="error" data-testid="signed-out-elsewhere" hidden={!signedOut}>
        This session was signed out elsewhere. <a href="/login?next=%2Fsettings%2Fsecurity">Sign in again</a>
      </p>
    </section>
  );
}
