import { auth } from '../../lib/auth';

// `scope=global` ("sign out everywhere", on /settings/security) ends every session of the user; otherwise only this one.
export async function POST(request: Request): Promise<Response> {
  const form = await request.clone().formData().catch(() => null);
  return auth.signOutResponse(request, form?.get('scope') === 'global' ? 'global' : 'local');
}
