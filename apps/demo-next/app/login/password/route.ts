// POST /login/password: the login form's target. A Route Handler rather than a Server Action, so the
// answer that sets the session cookie keeps `Cache-Control: private, no-store` and `Vary: Cookie`
// (Next writes its own Cache-Control, without `private`, on every Server Action response).
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
  // Back to the form with the failure; `next` is validated again by the next sign-in.
  const query = new URLSearchParams({ failed: result.kind === 'rejected' ? result.reason : 'unavailable', ...(next === '' ? {} : { next }) });
  return new Response(null, { status: 303, headers: { Location: `/login?${query.toString()}`, 'Cache-Control': 'private, no-store' } });
}
