// Password sign-in: on success, a redirect to `next` (validated) carrying the session cookies.
import { toWebResponse } from '@lockstep/core';
import { signInWithPassword } from '@lockstep/remix';
import { redirect } from 'react-router';
import type { Route } from './+types/sign-in';

export async function action(args: Route.ActionArgs) {
  const form = await args.request.formData();
  const next = String(form.get('next') ?? '');
  const result = await signInWithPassword(args, {
    email: String(form.get('email') ?? ''),
    password: String(form.get('password') ?? ''),
    returnTo: next === '' ? null : next,
  });
  if (result.kind === 'signed_in') return toWebResponse(result.redirect);
  return redirect(`/login?error=${encodeURIComponent(result.kind === 'rejected' ? result.reason : 'unavailable')}`, 303);
}
