// /settings/security: MFA enrolment or step-up, the API called with a Bearer token, and "sign out everywhere".
import type { AuthState } from '@lockstep/core';
import { SECURITY_PAGE_SCRIPT, verifiedTotpFactors, type TotpEnrolment } from '@lockstep/demo-kit';
import { html, raw } from 'hono/html';
import { layout, type Html } from './layout.js';

/** What the page shows besides the session: a return-to, an enrolment under way, an error. */
export interface SecurityPageProps {
  readonly auth: Extract<AuthState, { kind: 'authenticated' }>;
  /** Where to go after a step-up (`?next=`, validated again on submit). */
  readonly next: string | null;
  /** The requirement that sent the user here (`?requirement=`), e.g. `aal`. */
  readonly requirement: string | null;
  /** A factor just enrolled and not verified yet (its QR code and secret). */
  readonly enrolment?: TotpEnrolment;
  /** A factor to verify after a wrong code (no secret: it was shown once). */
  readonly pendingFactorId?: string;
  readonly error?: string;
}

/** Renders `/settings/security`. */
export function securityPage(props: SecurityPageProps): Html {
  const { auth } = props;
  const aal = typeof auth.claims.aal === 'string' ? auth.claims.aal : 'aal1';
  const verified = verifiedTotpFactors(auth.user.raw);
  return layout(
    'Security',
    auth.user,
    html`<h1>Security</h1>
      ${props.requirement === 'aal' && props.next !== null
        ? html`<p class="card" data-testid="step-up-reason"><code>${props.next}</code> needs a second factor (aal2).
            ${verified.length === 0 ? 'Set one up below; you go on there once it is verified.' : 'Enter a code from your authenticator to go on.'}</p>`
        : ''}
      ${props.error === undefined ? '' : html`<p class="error" role="alert" data-testid="mfa-error">${props.error}</p>`}
      <section class="card">
        <div class="label">Second factor</div>
        <p>This session: <span class="badge ${aal === 'aal2' ? 'ok' : 'warn'}" data-testid="session-aal">${aal}</span>
          · verified TOTP factors: <span data-testid="factor-count">${verified.length}</span></p>
        ${factorSection(props, verified.length > 0, aal)}
      </section>
      ${bearerSection(auth)}
      <section class="card">
        <div class="label">Sessions</div>
        <p>Ends every session of this user, in every browser. Other browsers notice within a second.</p>
        <form method="post" action="/logout">
          <input type="hidden" name="scope" value="global" />
          <button type="submit" data-testid="sign-out-everywhere">Sign out everywhere</button>
        </form>
        <p class="error" data-session-watch data-testid="signed-out-elsewhere" hidden>This session was signed out elsewhere.
          <a href="/login?next=%2Fsettings%2Fsecurity">Sign in again</a></p>
      </section>
      <script type="module">${raw(SECURITY_PAGE_SCRIPT)}</script>`,
  );
}

function factorSection(props: SecurityPageProps, hasFactor: boolean, aal: string): Html {
  const { enrolment, pendingFactorId } = props;
  if (enrolment !== undefined) {
    const qr = `data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString('base64')}`;
    return html`<p>Scan the code with an authenticator app, or type the secret, then enter the 6-digit code.</p>
      <img src="${qr}" alt="QR code of the new factor" width="180" height="180" data-testid="totp-qr" />
      <p>Secret: <code data-testid="totp-secret">${enrolment.secret}</code></p>
      ${codeForm(enrolment.factorId, props.next, 'Verify and turn on')}`;
  }
  if (pendingFactorId !== undefined) return codeForm(pendingFactorId, props.next, 'Verify');
  const [factor] = verifiedTotpFactors(props.auth.user.raw);
  if (hasFactor && factor !== undefined) {
    return aal === 'aal2' && props.next === null
      ? html`<p class="ok">This session has passed its second factor.</p>`
      : codeForm(factor.id, props.next, 'Verify');
  }
  return html`<form method="post" action="/settings/security/enrol">
      <input type="hidden" name="next" value="${props.next ?? ''}" />
      <button type="submit" data-testid="mfa-enrol">Set up an authenticator app</button>
    </form>`;
}

function codeForm(factorId: string, next: string | null, label: string): Html {
  return html`<form class="stack" method="post" action="/settings/security/verify" data-testid="mfa-verify">
      <input type="hidden" name="factorId" value="${factorId}" />
      <input type="hidden" name="next" value="${next ?? ''}" />
      <label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required /></label>
      <button type="submit">${label}</button>
    </form>`;
}

function bearerSection(auth: Extract<AuthState, { kind: 'authenticated' }>): Html {
  return html`<section class="card">
      <div class="label">API clients (Bearer token)</div>
      <p>Mobile apps, CLIs and other servers send <code>Authorization: Bearer &lt;access token&gt;</code> instead of
        cookies. The button calls <code>/api/profile</code> that way, with <code>credentials: 'omit'</code>.</p>
      <details><summary>This session's access token (expires with it)</summary><code data-access-token data-testid="access-token">${auth.session.accessToken}</code></details>
      <p><button class="quiet" type="button" data-bearer-call data-testid="bearer-call">Call /api/profile with the token</button></p>
      <pre data-bearer-out data-testid="bearer-out" class="muted"></pre>
    </section>`;
}
