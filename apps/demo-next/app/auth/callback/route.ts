import { auth } from '../../../lib/auth';

export async function GET(request: Request): Promise<Response> {
  const { response, result } = await auth.exchangeCode(request);
  if (response !== null) return response;
  const reason = result.kind === 'rejected' ? result.reason : 'auth_unavailable';
  return Response.redirect(new URL(`/login?error=${encodeURIComponent(reason)}`, `http://${request.headers.get('host') ?? 'localhost'}`), 303);
}
