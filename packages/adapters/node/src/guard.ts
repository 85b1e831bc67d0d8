// The server-side guard for route handlers: re-verify from the forwarded cookies, never refresh.
import type { GuardResult, VerifyMode } from '@lockstep/core';
import { stateOf, type NodeRequest } from './request-state.js';

/**
 * Re-verifies the session the middleware forwarded, in `mode` (the instance's default when absent),
 * and records the result for `getAuth()`. A denial carries the response the middleware would send
 * (login redirect, 401 JSON, or 503). Never refreshes or writes cookies.
 */
export async function guardRequest(req: NodeRequest, mode?: VerifyMode): Promise<GuardResult> {
  const state = stateOf(req);
  const result = await state.instance.guard(state.request, { ...(mode === undefined ? {} : { mode }), established: state.auth });
  state.auth = result.auth;
  return result;
}
