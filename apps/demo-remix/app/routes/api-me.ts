// `/api/me`: protected JSON (the middleware answers 401 JSON when anonymous; the guard re-checks).
import { requireUser } from '@lockstep/remix';
import type { LoaderFunctionArgs } from 'react-router';

export async function loader(args: LoaderFunctionArgs) {
  const { user, claims } = await requireUser(args);
  return Response.json({ user: { id: user.id, email: user.email ?? null }, expiresAt: claims.exp });
}
