'use client';
// The MFA forms of /settings/security: enrolment (QR code and secret, then a code) or step-up (a code).
import { useActionState } from 'react';
import { enrolFactor, verifyFactor, type EnrolState, type VerifyState } from './actions';

export function SecurityForms({ aal, next, factorId }: { readonly aal: string; readonly next: string | null; readonly factorId: string | null }) {
  const [enrolled, enrol] = useActionState<EnrolState, FormData>(enrolFactor, null);
  const [failed, verify] = useActionState<VerifyState, FormData>(verifyFactor, null);
  const codeForm = (id: string, label: string) => (
    <form className="stack" action={verify} data-testid="mfa-verify">
      <input type="hidden" name="factorId" value={id} />
      <input type="hidden" name="next" value={next ?? ''} />
      <label>
        Code <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" required />
      </label>
      <button type="submit">{label}</button>
    </form>
  );
  const error = failed?.error ?? (enrolled !== null && 'error' in enrolled ? enrolled.error : null);
  return (
    <>
      {error === null ? null : (
        <p className="error" role="alert" data-testid="mfa-error">
          {error}
        </p>
      )}
      {failed !== null ? (
        codeForm(failed.factorId, 'Verify')
      ) : enrolled !== null && 'secret' in enrolled ? (
        <>
          <p>Scan the code with an authenticator app, or type the secret, then enter the 6-digit code.</p>
          {/* A data: URL of the auth server's SVG: shown as an image, never inlined into the page. */}
          <img src={enrolled.qr} alt="QR code of the new factor" width={180} height={180} data-testid="totp-qr" />
          <p>
            Secret: <code data-testid="totp-secret">{enrolled.secret}</code>
          </p>
          {codeForm(enrolled.factorId, 'Verify and turn on')}
        </>
      ) : factorId !== null ? (
        aal === 'aal2' && next === null ? <p className="ok">This session has passed its second factor.</p> : codeForm(factorId, 'Verify')
      ) : (
        <form action={enrol}>
          <button type="submit" data-testid="mfa-enrol">
            Set up an authenticator app
          </button>
        </form>
      )}
    </>
  );
}
