// The server-side guard for loaders and actions (DESIGN §3.9): re-verify, never refresh.
import { authView, guardCheckOptions, guardResponse, type GuardCheck, type RequiredUser } from '@lockstep/core/adapter';
import type { RouterContextProvider } from 'react-router';
import { handoffOf } from './context.js';
import { coreRequest, kindHint, type RouterRequestArgs } from './request-target.js';

/** The loader/action arguments `requireUser()` reads. */
export interface GuardArgs extends RouterRequestArgs {
  readonly context: Readonly<RouterContextProvider>;
}

/**
 * Re-verifies the session from the cookies the middleware forwarded, in the check's mode (the
 * instance's default when absent) and with its requirements on top of the route's (`{ aal: 'aal2' }`:
 * a step-up redirect or 401; `{ roles: ['admin'] }`: 403), and returns the user; otherwise throws the response the middleware would
 * have sent: a login redirect for documents and `.data` navigations (React Router makes it a 202
 * the client follows), 401 JSON for API fetches, 503 while the auth server is down. The
 * middleware appends its cookies to whatever leaves. It never refreshes or writes cookies itself.
 *
 * @example
 * export async function loader(args: Route.LoaderArgs) {
 *   const { user } = await requireUser(args, 'user');
 *   return { email: user.email };
 * }
 */
export async function requireUser(args: GuardArgs, check?: GuardCheck): Promise<RequiredUser> {
  const { instance, changes } = handoffOf(args.context);
  const result = guardResponse(await instance.guard(coreRequest(args, changes), { ...guardCheckOptions(check), hint: kindHint(args) }));
  if (result.kind === 'denied') throw result.response;
  return authView(result.auth);
}
