import { auth } from '../../lib/auth';

export async function POST(request: Request): Promise<Response> {
  return auth.signOutResponse(request);
}
