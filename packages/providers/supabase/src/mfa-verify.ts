// A second-factor check with GoTrue (challenge, then verify): the session it answers with is raised to aal2.
import type { GrantResult, Session } from '@lockstep/core';
import { callGoTrue, type GoTrueContext } from './gotrue-request.js';
import { toGrantResult } from './gotrue-api.js';

// A factor id is a UUID; a TOTP code is 6 digits (GoTrue also takes phone codes of the same form).
const FACTOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[0-9]{6,10}$/;

/**
 * Challenges `factorId` and verifies `code` with the session's access token (`POST
 * /factors/:id/challenge`, `POST /factors/:id/verify`). GoTrue answers a verified code with a new
 * session at aal2 and swaps the refresh token, so the answer must be written at once. A malformed id
 * or code never reaches the server (`rejected`, `validation_failed`); a wrong code is GoTrue's own
 * refusal (`mfa_verification_failed`, …).
 *
 * @example
 * const grant = await verifyFactor(gotrue, session, { factorId, code }, now);
 */
export async function verifyFactor(ctx: GoTrueContext, session: Session, factor: { readonly factorId: string; readonly code: string }, now: number): Promise<GrantResult> {
  if (typeof factor.factorId !== 'string' || !FACTOR_ID.test(factor.factorId) || typeof factor.code !== 'string' || !CODE.test(factor.code)) {
    return { kind: 'rejected', code: 'validation_failed' };
  }
  const path = `/factors/${factor.factorId.toLowerCase()}`;
  const challenge = await callGoTrue(ctx, { path: `${path}/challenge`, method: 'POST', bearer: session.accessToken, body: {} });
  if (challenge.kind === 'unavailable') return challenge;
  if (challenge.kind === 'error') return { kind: 'rejected', code: challenge.code ?? 'invalid_grant' };
  const challengeId = (challenge.body as { id?: unknown } | null)?.id;
  if (typeof challengeId !== 'string') return { kind: 'unavailable', cause: 'protocol', status: challenge.status };
  return toGrantResult(await callGoTrue(ctx, { path: `${path}/verify`, method: 'POST', bearer: session.accessToken, body: { challenge_id: challengeId, code: factor.code } }), now);
}
