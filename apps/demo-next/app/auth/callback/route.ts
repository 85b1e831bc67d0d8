// `GET /auth/callback`: completes an OAuth / magic-link PKCE flow; on failure back to /login with the reason.
import { auth } from '../../../lib/auth';

export async function GET(request: Request): Promise<Response> {
  const { response, result } = await auth.exchangeCode(request);
  if (response !== null) return response;
  const reason = result.kind === 'rejected' ? result.reason : 'auth_unavailable';
  return Response.redirect(new URL(`/login?error=${encodeURIComponent(reason)}`, request.url), 303);
}
