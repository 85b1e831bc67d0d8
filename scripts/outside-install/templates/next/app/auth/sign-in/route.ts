// Password sign-in: on success, a redirect to `next` (validated) carrying the session cookies.
import { auth } from '../../../lib/auth';

export async function POST(request: Request): Promise<Response> {
  const form = await request.formData();
  const next = String(form.get('next') ?? '');
  const { response, result } = await auth.signInResponse(request, {
    email: String(form.get('email') ?? ''),
    password: String(form.get('password') ?? ''),
    returnTo: next === '' ? null : next,
  });
  if (response !== null) return response;
  const reason = result.kind === 'rejected' ? result.reason : 'unavailable';
  return new Response(null, { status: 303, headers: { Location: `/login?error=${encodeURIComponent(reason)}` } });
}
