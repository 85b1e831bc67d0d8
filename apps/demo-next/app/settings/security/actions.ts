'use server';
// The MFA page's Server Actions: enrol a TOTP factor, and verify a code (step-up) with `lockstep.verifyFactor`, writing the raised session to the cookies.
import { capabilityOf, sanitizeReturnTo } from '@lockstep/core';
import { factorError } from '@lockstep/demo-kit/assurance';
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
 * Verifies the factor through Lockstep (`verifyFactor`: checked with the current session). The auth
 * server raises the session to aal2 and swaps its refresh token, so the new session is written to
 * the cookies (through `cookies()`, the only way a Server Action sets them) before the redirect to
 * the validated return-to.
 */
export async function verifyFactor(_previous: VerifyState, form: FormData): Promise<VerifyState> {
  const factorId = String(form.get('factorId') ?? '');
  const guard = await auth.guardAction({ mode: 'user' });
  if (guard.kind === 'denied') return { error: `${guard.error.error} (${guard.error.reason})`, factorId };
  const next = sanitizeReturnTo(String(form.get('next') ?? '') || null);
  const returnTo = next === null || next.startsWith(HOME) ? HOME : next;
  const result = await capabilityOf(serverParts().lockstep, 'verifyFactor')(await currentRequest(), { factorId, code: String(form.get('code') ?? '').trim(), returnTo });
  if (result.kind !== 'signed_in') return { error: factorError(result), factorId };
  writeCookies(await cookies(), result.redirect.cookies.writes);
  return redirect(result.redirect.location);
}

/** The action's request as `verifyFactor` needs it: its cookies (as the proxy forwarded them), and what says where it came from. */
async function currentRequest(): Promise<Request> {
  const list = await headers();
  const proto = list.get('x-forwarded-proto') ?? 'http';
  const from: Record<string, string> = {};
  for (const name of ['origin', 'sec-fetch-site']) {
    const value = list.get(name);
    if (value !== null) from[name] = value;
  }
  return new Request(`${proto}://${list.get('host') ?? 'localhost'}${HOME}`, { method: 'POST', headers: { ...from, cookie: list.get('cookie') ?? '' } });
}
