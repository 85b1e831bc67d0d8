// A protected API: 401 JSON without a session.
import { auth } from '../../../lib/auth';

export async function GET(request: Request): Promise<Response> {
  const guard = await auth.guardHandler(request);
  if (guard.kind === 'denied') return guard.response;
  return Response.json({ id: guard.auth.user.id, email: guard.auth.user.email ?? null });
}
