// `/api/profile`: protected JSON that API clients call with `Authorization: Bearer <access token>` (no cookies read
// or written); an expired token gets 401 with `WWW-Authenticate: Bearer … error="invalid_token"`.
import { defaultRoles } from '@lockstep/core';
import { requireUser } from '@lockstep/remix';
import type { LoaderFunctionArgs } from 'react-router';

export async function loader(args: LoaderFunctionArgs) {
  const { user, claims, auth } = await requireUser(args);
  return Response.json({ user: { id: user.id, email: user.email ?? null }, aal: claims.aal ?? null, credential: auth.credential ?? 'cookie', roles: defaultRoles(claims) });
}
