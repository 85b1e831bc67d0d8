// A protected page: the middleware decided; requireUser re-verifies (defense in depth).
import { requireUser } from '@lockstep/remix';
import type { Route } from './+types/dashboard';

export async function loader(args: Route.LoaderArgs) {
  const { user } = await requireUser(args);
  return { email: user.email ?? null };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  return <p>Signed in as {loaderData.email}</p>;
}
