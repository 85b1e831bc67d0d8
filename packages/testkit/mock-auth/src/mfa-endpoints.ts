// MFA for the signed-in user: `POST /factors` (enroll), `/factors/:id/challenge`, `/factors/:id/verify`
// and `DELETE /factors/:id` (unenroll), with GoTrue's checks, limits and error codes (`mfa.go`).
import { renderSVG } from 'uqr';
import { apiError, type ApiError } from './api-error.js';
import { fail, json, stringField, type Handler, type HandlerResult, type MockRequest } from './handler-types.js';
import { isUuid, newOtp, newUuid, toUnixSeconds } from './ids.js';
import { validatePhone } from './phone-number.js';
import type { ChallengeRecord, FactorRecord, SessionRecord, UserRecord } from './records.js';
import { requireAuthentication } from './require-authentication.js';
import { downgradeSessionsOf, raiseSession } from './session-assurance.js';
import type { MockAuthState } from './state.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.js';

/** `MFA_CHALLENGE_EXPIRY_DURATION` and `MFA_FACTOR_EXPIRY_DURATION` (their defaults and minimums). */
export const CHALLENGE_EXPIRY_MS = 300_000;
const UNVERIFIED_FACTOR_EXPIRY_MS = 300_000;
/** `MFA_PHONE_MAX_FREQUENCY`: one SMS per factor per minute. */
const PHONE_CHALLENGE_INTERVAL_MS = 60_000;
const INVALID_CHANNEL = "Invalid channel, supported values are 'sms' or 'whatsapp'. 'whatsapp' is only supported if Twilio or Twilio Verify is used as the provider.";

const err = (status: number, code: string, message: string): HandlerResult => fail(apiError(status, code, message));

type Caller = { kind: 'ok'; user: UserRecord; session: SessionRecord } | { kind: 'error'; result: HandlerResult };

/** `requireAuthentication` + `requireNotAnonymous`; the factor routes also need a session. */
async function authenticate(state: MockAuthState, request: MockRequest): Promise<Caller> {
  const auth = await requireAuthentication(state, request);
  if (auth.kind === 'error') return { kind: 'error', result: fail(auth.error) };
  if (auth.claims.is_anonymous === true) {
    return { kind: 'error', result: err(403, 'no_authorization', 'Anonymous user not allowed to perform these actions') };
  }
  if (auth.session === null) {
    return { kind: 'error', result: err(500, 'unexpected_failure', 'A valid session and a registered user are required to enroll a factor') };
  }
  return { kind: 'ok', user: auth.user, session: auth.session };
}

/** `loadFactor`: the factor id of `/factors/<id>[/...]`, owned by the caller. */
function loadFactor(user: UserRecord, path: string): { kind: 'ok'; factor: FactorRecord } | { kind: 'error'; result: HandlerResult } {
  const id = decodeURIComponent(path.split('/')[2] ?? '');
  if (!isUuid(id)) return { kind: 'error', result: err(404, 'validation_failed', 'factor_id must be an UUID') };
  const factor = user.factors.find((f) => f.id === id);
  if (factor === undefined) return { kind: 'error', result: err(404, 'mfa_factor_not_found', 'Factor not found') };
  return { kind: 'ok', factor };
}

/** Runs `handler` for an authenticated caller and the factor named in the path. */
function withFactor(
  handler: (state: MockAuthState, request: MockRequest, user: UserRecord, session: SessionRecord, factor: FactorRecord) => Promise<HandlerResult>,
): Handler {
  return async (state, request) => {
    const caller = await authenticate(state, request);
    if (caller.kind === 'error') return caller.result;
    const loaded = loadFactor(caller.user, request.path);
    if (loaded.kind === 'error') return loaded.result;
    return handler(state, request, caller.user, caller.session, loaded.factor);
  };
}

/** The address a challenge is bound to (`GetIPAddress`: the first `X-Forwarded-For` entry). */
function clientAddress(request: MockRequest): string {
  return (request.headers.get('sb-forwarded-for') ?? request.headers.get('x-forwarded-for') ?? '').split(',')[0]?.trim() ?? '';
}

/** `POST /factors`. */
export const enrollFactor: Handler = async (state, request) => {
  const caller = await authenticate(state, request);
  if (caller.kind === 'error') return caller.result;
  const { user, session } = caller;
  const { body, nowMs } = request;
  const factorType = stringField(body, 'factor_type') ?? '';
  const friendlyName = stringField(body, 'friendly_name') ?? '';
  if (factorType === 'phone') {
    if (!state.settings.mfaPhoneEnabled) return err(422, 'mfa_phone_enroll_not_enabled', 'MFA enroll is disabled for Phone');
    return enrollPhone(state, user, session, friendlyName, stringField(body, 'phone') ?? '', nowMs);
  }
  if (factorType === 'totp') {
    if (!state.settings.mfaTotpEnabled) return err(422, 'mfa_totp_enroll_not_enabled', 'MFA enroll is disabled for TOTP');
    const issuer = stringField(body, 'issuer') || new URL(state.options.siteUrl).host;
    const refused = checkFactorLimits(state, user, session, friendlyName, nowMs);
    if (refused !== null) return fail(refused);
    const secret = newTotpSecret();
    const factor = addFactor(user, { factorType: 'totp', friendlyName, secret, phone: '' }, nowMs);
    const uri = otpauthUri(issuer, user.email, secret);
    return json(200, {
      id: factor.id,
      type: 'totp',
      friendly_name: friendlyName,
      totp: { qr_code: renderSVG(uri, { ecc: 'H' }), secret, uri },
    });
  }
  return err(400, 'validation_failed', 'factor_type needs to be totp, phone, or webauthn');
};

function enrollPhone(state: MockAuthState, user: UserRecord, session: SessionRecord, friendlyName: string, rawPhone: string, nowMs: number): HandlerResult {
  if (rawPhone === '') return err(400, 'validation_failed', 'Phone number required to enroll Phone factor');
  const checked = validatePhone(rawPhone);
  if (checked.kind === 'invalid') return fail(checked.error);
  for (const factor of [...user.factors]) {
    if (factor.factorType !== 'phone' || factor.phone !== checked.phone) continue;
    if (factor.status === 'verified') {
      return err(422, 'mfa_verified_factor_exists', 'A verified phone factor already exists, unenroll the existing factor to continue');
    }
    state.store.deleteFactor(user, factor.id);
  }
  const refused = checkFactorLimits(state, user, session, friendlyName, nowMs);
  if (refused !== null) return fail(refused);
  const factor = addFactor(user, { factorType: 'phone', friendlyName, secret: null, phone: checked.phone }, nowMs);
  return json(200, { id: factor.id, type: 'phone', friendly_name: friendlyName, phone: rawPhone });
}

/**
 * `validateFactors`: stale unverified factors go first; then a taken friendly name (an empty name
 * included, as in GoTrue), the enrolled and verified limits, and aal2 once a factor is verified.
 */
function checkFactorLimits(state: MockAuthState, user: UserRecord, session: SessionRecord, friendlyName: string, nowMs: number): ApiError | null {
  for (const factor of [...user.factors]) {
    const challenged = [...state.store.challenges.values()].some((c) => c.factorId === factor.id);
    if (factor.status !== 'verified' && !challenged && factor.createdAt + UNVERIFIED_FACTOR_EXPIRY_MS < nowMs) {
      state.store.deleteFactor(user, factor.id);
    }
  }
  if (user.factors.some((f) => f.friendlyName === friendlyName)) {
    return apiError(422, 'mfa_factor_name_conflict', `A factor with the friendly name ${JSON.stringify(friendlyName)} for this user already exists`);
  }
  const verified = user.factors.filter((f) => f.status === 'verified').length;
  const tooMany = apiError(422, 'too_many_enrolled_mfa_factors', 'Maximum number of verified factors reached, unenroll to continue');
  if (user.factors.length >= state.settings.mfaMaxEnrolledFactors) return tooMany;
  if (verified >= state.settings.mfaMaxVerifiedFactors) return tooMany;
  if (verified > 0 && session.aal !== 'aal2') return apiError(403, 'insufficient_aal', 'AAL2 required to enroll a new factor');
  return null;
}

function addFactor(
  user: UserRecord,
  input: Pick<FactorRecord, 'factorType' | 'friendlyName' | 'secret' | 'phone'>,
  nowMs: number,
): FactorRecord {
  const factor: FactorRecord = { id: newUuid(), userId: user.id, status: 'unverified', lastChallengedAt: null, createdAt: nowMs, updatedAt: nowMs, ...input };
  user.factors.push(factor);
  return factor;
}

function verifyDisabled(state: MockAuthState, factor: FactorRecord): HandlerResult | null {
  if (factor.factorType === 'phone' && !state.settings.mfaPhoneEnabled) return err(422, 'mfa_phone_verify_not_enabled', 'MFA verification is disabled for Phone');
  if (factor.factorType === 'totp' && !state.settings.mfaTotpEnabled) return err(422, 'mfa_totp_verify_not_enabled', 'MFA verification is disabled for TOTP');
  return null;
}

/** `POST /factors/:id/challenge`: a TOTP challenge, or a phone challenge whose code goes to the test hook. */
export const challengeFactor = withFactor((state, request, _user, _session, factor) => {
  const disabled = verifyDisabled(state, factor);
  if (disabled !== null) return Promise.resolve(disabled);
  const { nowMs } = request;
  let otpCode: string | null = null;
  if (factor.factorType === 'phone') {
    const channel = stringField(request.body, 'channel') || 'sms';
    if (channel !== 'sms') return Promise.resolve(err(400, 'validation_failed', INVALID_CHANNEL));
    if (factor.lastChallengedAt !== null && !(factor.lastChallengedAt + PHONE_CHALLENGE_INTERVAL_MS < nowMs)) {
      const left = Math.trunc((factor.lastChallengedAt + PHONE_CHALLENGE_INTERVAL_MS - nowMs) / 1000);
      return Promise.resolve(err(429, 'over_sms_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`));
    }
    otpCode = newOtp();
  }
  const challenge: ChallengeRecord = { id: newUuid(), factorId: factor.id, createdAt: nowMs, verifiedAt: null, ipAddress: clientAddress(request), otpCode };
  state.store.challenges.set(challenge.id, challenge);
  factor.lastChallengedAt = nowMs;
  return Promise.resolve(
    json(200, { id: challenge.id, type: factor.factorType, expires_at: toUnixSeconds(nowMs + CHALLENGE_EXPIRY_MS) }),
  );
});

/** `POST /factors/:id/verify`: checks the code against the challenge, then raises the session to aal2. */
export const verifyFactor = withFactor(async (state, request, user, session, factor) => {
  const { body, nowMs } = request;
  const code = stringField(body, 'code') ?? '';
  if (code === '') return err(400, 'validation_failed', 'Code needs to be non-empty');
  const disabled = verifyDisabled(state, factor);
  if (disabled !== null) return disabled;
  const challengeId = body.challenge_id;
  if (challengeId !== undefined && challengeId !== null && !isUuid(challengeId)) {
    return err(400, 'bad_json', 'Could not parse request body as JSON: challenge_id must be a UUID');
  }
  const challenge = typeof challengeId === 'string' ? state.store.challenges.get(challengeId) : undefined;
  if (challenge === undefined || challenge.factorId !== factor.id) {
    return err(422, 'mfa_factor_not_found', 'MFA factor with the provided challenge ID not found');
  }
  // GoTrue answers a challenge that was already used with the address-mismatch error.
  if (challenge.verifiedAt !== null || challenge.ipAddress !== clientAddress(request)) {
    return err(422, 'mfa_ip_address_mismatch', 'Challenge and verify IP addresses mismatch.');
  }
  if (nowMs > challenge.createdAt + CHALLENGE_EXPIRY_MS) {
    state.store.challenges.delete(challenge.id);
    return err(422, 'mfa_challenge_expired', `MFA challenge ${challenge.id} has expired, verify against another challenge or create a new challenge.`);
  }
  const valid = factor.factorType === 'totp' ? verifyTotp(factor.secret ?? '', code, nowMs) : code === challenge.otpCode;
  if (!valid) {
    return factor.factorType === 'totp'
      ? err(422, 'mfa_verification_failed', 'Invalid TOTP code entered')
      : err(422, 'mfa_verification_failed', 'Invalid MFA Phone code entered');
  }
  challenge.verifiedAt = nowMs;
  if (factor.status !== 'verified') {
    factor.status = 'verified';
    factor.updatedAt = nowMs;
  }
  return json(200, await raiseSession(state, user, session, factor, nowMs));
});

/** `DELETE /factors/:id`: a verified factor needs an aal2 session; sessions it raised drop to aal1. */
export const unenrollFactor = withFactor((state, request, user, session, factor) => {
  if (factor.status === 'verified' && session.aal !== 'aal2') {
    return Promise.resolve(err(422, 'insufficient_aal', 'AAL2 required to unenroll verified factor'));
  }
  state.store.deleteFactor(user, factor.id);
  downgradeSessionsOf(state, factor, request.nowMs);
  return Promise.resolve(json(200, { id: factor.id }));
});
