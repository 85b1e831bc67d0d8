// `GET /api/profile`: protected JSON that API clients call with `Authorization: Bearer <access token>` (no cookies
// read or written); an expired token gets 401 with `WWW-Authenticate: Bearer … error="invalid_token"`.
import { defaultRoles } from '@lockstep/core';
import { auth } from '../../../lib/auth';

export async function GET(request: Request): Promise<Response> {
  const guard = await auth.guardHandler(request);
  if (guard.kind === 'denied') return guard.response;
  const { user, claims, credential } = guard.auth;
  return Response.json({ user: { id: user.id, email: user.email ?? null }, aal: claims.aal ?? null, credential: credential ?? 'cookie', roles: defaultRoles(claims) });
}
