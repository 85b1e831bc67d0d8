// `GET /api/me`: protected JSON (the proxy answers 401 JSON first; the handler guards itself again).
import { auth, demoClock } from '../../../lib/auth';

export async function GET(request: Request): Promise<Response> {
  const guard = await auth.guardHandler(request);
  if (guard.kind === 'denied') return guard.response;
  const { user, claims, verifiedBy } = guard.auth;
  return Response.json({
    user: { id: user.id, email: user.email ?? null, role: user.role ?? null },
    verifiedBy,
    expiresAt: claims.exp,
    now: Math.floor(demoClock()),
  });
}
