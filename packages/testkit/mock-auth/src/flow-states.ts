// Creating flow states (PKCE sign-up, magic links, OAuth) and one-time codes (spec §2.6–2.8).
import { createHash } from 'node:crypto';
import { newOtp, newUuid } from './ids.js';
import type { FlowStateRecord, OtpRecord, UserRecord } from './records.js';
import type { Store } from './store.js';

/** Input for {@link insertFlowState}. */
export interface NewFlowState {
  readonly provider: string;
  readonly authMethod: string;
  readonly userId: string | null;
  readonly redirectTo: string;
  readonly challenge: string | null;
  readonly method: 's256' | 'plain' | null;
  readonly linkingTargetId?: string;
}

/** Inserts a flow state with a fresh auth code. */
export function insertFlowState(store: Store, input: NewFlowState, nowMs: number): FlowStateRecord {
  const flow: FlowStateRecord = {
    id: newUuid(),
    authCode: newUuid(),
    codeChallenge: input.challenge,
    codeChallengeMethod: input.method,
    provider: input.provider,
    authMethod: input.authMethod,
    userId: input.userId,
    redirectTo: input.redirectTo,
    createdAt: nowMs,
    authCodeIssuedAt: null,
    providerCode: null,
    providerEmail: null,
    callbackUsed: false,
    linkingTargetId: input.linkingTargetId ?? null,
  };
  store.flowStates.set(flow.id, flow);
  return flow;
}

/** GoTrue keeps one token per purpose (a column each); a new code replaces the user's earlier one of that purpose. */
function tokenSlot(type: string, sentTo: string): string {
  if (type === 'signup' || type === 'invite') return 'confirmation';
  if (type === 'magiclink' || type === 'recovery') return 'recovery';
  if (type === 'email_change') return `email_change:${sentTo}`;
  return type;
}

/**
 * Issues a new email OTP to `sentTo` (the user's email unless given), replacing the user's earlier
 * code of the same purpose; the token hash is hex(sha224(email + otp)).
 */
export function issueOtp(
  store: Store,
  user: UserRecord,
  type: string,
  nowMs: number,
  flow: FlowStateRecord | null,
  redirectTo: string | null,
  sentTo: string = user.email,
): OtpRecord {
  const otp = newOtp();
  const hash = createHash('sha224').update(sentTo + otp).digest('hex');
  const slot = tokenSlot(type, sentTo);
  store.removeOtps((o) => o.userId === user.id && tokenSlot(o.type, o.email) === slot);
  const record: OtpRecord = {
    email: sentTo,
    userId: user.id,
    otp,
    tokenHash: flow === null ? hash : `pkce_${hash}`,
    type,
    createdAt: nowMs,
    flowStateId: flow?.id ?? null,
    redirectTo,
  };
  store.otps.push(record);
  return record;
}
