'use server';
// The MFA page's Server Actions: enrol a TOTP factor, and verify a code (step-up), writing the raised session to the cookies.
import { sanitizeReturnTo } from '@lockstep/core';
import { writeCookies } from '@lockstep/core/adapter';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth, serverParts } from '../../../lib/auth';

const HOME = '/settings/security';

/** What the enrolment form shows after a post. */
export type EnrolState = { readonly factorId: string; readonly secret: string; readonly qr: string } | { readonly error: string } | null;
/** What the code form shows after a failed verify (a success redirects). */
export type VerifyState = { readonly error: string; readonly factorId: string } | null;

export async function enrolFactor(_previous: EnrolState, _form: FormData): Promise<EnrolState> {
  const guard = await auth.guardAction({ mode: 'user' });
  if (guard.kind === 'denied') return { error: `${guard.error.error} (${guard.error.reason})` };
  const enrolment = await serverParts().totp.enrol(guard.auth.session.accessToken);
  if (enrolment.kind === 'rejected') return { error: enrolment.message };
  return { factorId: enrolment.factorId, secret: enrolment.secret, qr: `data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString('base64')}` };
}

/**
 * Challenges and verifies the factor. The auth server raises the session to aal2 and swaps its
 * refresh token, so the new session is written to the cookies (through `cookies()`, the only way a
 * Server Action sets them) before the redirect to the validated return-to.
 */
export async function verifyFactor(_previous: VerifyState, form: FormData): Promise<VerifyState> {
  const factorId = String(form.get('factorId') ?? '');
  const guard = await auth.guardAction({ mode: 'user' });
  if (guard.kind === 'denied') return { error: `${guard.error.error} (${guard.error.reason})`, factorId };
  const { totp, sessions } = serverParts();
  const result = await totp.verify(guard.auth.session.accessToken, factorId, String(form.get('code') ?? '').trim());
  const plan = result.kind === 'verified' ? sessions.write(await currentRequest(), result.session) : null;
  if (plan === null) return { error: result.kind === 'rejected' ? result.message : 'The auth server sent an unexpected answer.', factorId };
  writeCookies(await cookies(), plan.writes);
  const next = sanitizeReturnTo(String(form.get('next') ?? '') || null);
  return redirect(next === null || next.startsWith(HOME) ? HOME : next);
}

/** The action's request as the session writer needs it: its cookies (as the proxy forwarded them) and its origin. */
async function currentRequest(): Promise<Request> {
  const list = await headers();
  const proto = list.get('x-forwarded-proto') ?? 'http';
  return new Request(`${proto}://${list.get('host') ?? 'localhost'}${HOME}`, { headers: { cookie: list.get('cookie') ?? '' } });
}
