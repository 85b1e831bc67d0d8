// The signed-in user's TOTP factors at the auth server (GoTrue's /factors API), called by the demo's server with the user's access token.

/** Where the auth server is: the project URL and its publishable key. */
export interface AuthProject {
  readonly url: string;
  readonly key: string;
}

/** A new, not yet verified TOTP factor: what the enrolment page shows. */
export interface TotpEnrolment {
  readonly kind: 'enrolled';
  readonly factorId: string;
  /** The shared secret (base32), for typing into an authenticator app. */
  readonly secret: string;
  /** The `otpauth://` URI the QR code encodes. */
  readonly uri: string;
  /** The QR code as an SVG document (shown through an `<img>`, never inlined). */
  readonly qrSvg: string;
}

/** What a verify ended in: the raised session (GoTrue's token response) or the auth server's message. */
export type FactorVerification = { readonly kind: 'verified'; readonly session: unknown } | { readonly kind: 'rejected'; readonly message: string };

/**
 * Starts a TOTP enrolment. The friendly name is made unique: GoTrue refuses a second factor with
 * the same name, and an abandoned enrolment stays until it expires.
 *
 * @example
 * const enrolment = await enrolTotp(project, auth.session.accessToken);
 */
export async function enrolTotp(project: AuthProject, accessToken: string): Promise<TotpEnrolment | { readonly kind: 'rejected'; readonly message: string }> {
  const answer = await call(project, accessToken, '/factors', { factor_type: 'totp', friendly_name: `Authenticator ${crypto.randomUUID().slice(0, 8)}` });
  if (!answer.ok) return { kind: 'rejected', message: answer.message };
  const body = answer.body as { id?: unknown; totp?: { secret?: unknown; uri?: unknown; qr_code?: unknown } };
  const { id } = body;
  const secret = body.totp?.secret;
  const uri = body.totp?.uri;
  const qr = body.totp?.qr_code;
  if (typeof id !== 'string' || typeof secret !== 'string' || typeof uri !== 'string' || typeof qr !== 'string') return { kind: 'rejected', message: 'The auth server sent an unexpected answer.' };
  return { kind: 'enrolled', factorId: id, secret, uri, qrSvg: qr };
}

/**
 * Challenges the factor and verifies `code` against the challenge (GoTrue's challenge-and-verify).
 * On success the auth server has raised the session to `aal2` and swapped its refresh token: the
 * returned session must replace the cookie's.
 *
 * @example
 * const result = await verifyTotp(project, auth.session.accessToken, factorId, '123456');
 */
export async function verifyTotp(project: AuthProject, accessToken: string, factorId: string, code: string): Promise<FactorVerification> {
  const path = `/factors/${encodeURIComponent(factorId)}`;
  const challenge = await call(project, accessToken, `${path}/challenge`, {});
  if (!challenge.ok) return { kind: 'rejected', message: challenge.message };
  const challengeId = (challenge.body as { id?: unknown }).id;
  if (typeof challengeId !== 'string') return { kind: 'rejected', message: 'The auth server sent an unexpected answer.' };
  const verified = await call(project, accessToken, `${path}/verify`, { challenge_id: challengeId, code });
  return verified.ok ? { kind: 'verified', session: verified.body } : { kind: 'rejected', message: verified.message };
}

/** The user's verified TOTP factors, from the user object GoTrue returns (`factors`, absent when none). */
export function verifiedTotpFactors(rawUser: Readonly<Record<string, unknown>>): { readonly id: string; readonly name: string }[] {
  const factors = Array.isArray(rawUser.factors) ? (rawUser.factors as unknown[]) : [];
  return factors.flatMap((factor) => {
    if (typeof factor !== 'object' || factor === null) return [];
    const f = factor as { id?: unknown; status?: unknown; factor_type?: unknown; friendly_name?: unknown };
    return typeof f.id === 'string' && f.status === 'verified' && f.factor_type === 'totp' ? [{ id: f.id, name: typeof f.friendly_name === 'string' ? f.friendly_name : '' }] : [];
  });
}

type Answer = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly message: string };

const TIMEOUT_MS = 5000;

async function call(project: AuthProject, accessToken: string, path: string, body: unknown): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${project.url}/auth/v1${path}`, {
      method: 'POST',
      headers: { apikey: project.key, authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { ok: false, message: 'The auth server cannot be reached right now.' };
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, body: json };
  // GoTrue's `msg` is written for people (e.g. "Invalid TOTP code entered"); it never holds a token.
  const message = (json as { msg?: unknown; message?: unknown } | null)?.msg ?? (json as { message?: unknown } | null)?.message;
  return { ok: false, message: typeof message === 'string' ? message : `The auth server answered ${String(response.status)}.` };
}

/** The TOTP operations bound to one auth server: what the demos' security pages call. */
export interface TotpFactors {
  enrol(accessToken: string): ReturnType<typeof enrolTotp>;
  verify(accessToken: string, factorId: string, code: string): Promise<FactorVerification>;
  verified(rawUser: Readonly<Record<string, unknown>>): { readonly id: string; readonly name: string }[];
}

/**
 * Binds the TOTP calls to `project`, so an app's routes need no import of this (Node) package.
 *
 * @example
 * const totp = totpFactors(deps.project);
 * const enrolment = await totp.enrol(auth.session.accessToken);
 */
export function totpFactors(project: AuthProject): TotpFactors {
  return {
    enrol: (accessToken) => enrolTotp(project, accessToken),
    verify: (accessToken, factorId, code) => verifyTotp(project, accessToken, factorId, code),
    verified: verifiedTotpFactors,
  };
}
