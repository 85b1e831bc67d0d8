// A protected API (resource route): 401 JSON without a session.
import { requireUser } from '@lockstep/remix';
import type { Route } from './+types/api-me';

export async function loader(args: Route.LoaderArgs) {
  const { user } = await requireUser(args);
  return Response.json({ id: user.id, email: user.email ?? null });
}
