// `/auth/callback`: the OAuth / magic-link callback exchanges `?code=` and redirects to the validated return-to.
import { toWebResponse } from '@lockstep/core';
import { exchangeCode } from '@lockstep/remix';
import type { LoaderFunctionArgs } from 'react-router';

export async function loader(args: LoaderFunctionArgs) {
  const result = await exchangeCode(args);
  if (result.kind === 'signed_in') return toWebResponse(result.redirect);
  return Response.json({ error: result.kind === 'rejected' ? result.reason : 'auth_unavailable' }, { status: 400 });
}
