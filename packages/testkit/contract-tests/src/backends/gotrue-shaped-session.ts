// A GoTrue mock session shaped for assurance scenarios: app_metadata set through the admin API, aal2 through a real TOTP enrolment.
import { totpCode, type AccessTokenResponse, type RunningMockAuth } from '@lockstep/mock-auth';
import type { IssueOptions } from './contract-backend.js';

/**
 * Issues a session the way a user would get it: the admin API sets `app_metadata` (a service-key
 * call, as an app's back office would), and `aal2` comes from enrolling a TOTP factor and verifying
 * a code, so the token's `aal` and `amr` are the mock's own.
 */
export async function issueShaped(mock: RunningMockAuth, email: string, options: IssueOptions): Promise<AccessTokenResponse> {
  let session = await mock.controls.issueSession(email);
  if (options.appMetadata !== undefined) {
    await call(mock, `/admin/users/${session.user.id}`, mock.serviceRoleKey, 'PUT', { app_metadata: options.appMetadata });
    session = await mock.controls.issueSession(email);
  }
  if (options.aal2 !== true) return session;
  const factor = (await call(mock, '/factors', session.access_token, 'POST', { factor_type: 'totp' })) as { id: string; totp: { secret: string } };
  const challenge = (await call(mock, `/factors/${factor.id}/challenge`, session.access_token, 'POST', {})) as { id: string };
  const code = totpCode(factor.totp.secret, mock.controls.clock.now());
  return (await call(mock, `/factors/${factor.id}/verify`, session.access_token, 'POST', { challenge_id: challenge.id, code })) as AccessTokenResponse;
}

async function call(mock: RunningMockAuth, path: string, bearer: string, method: string, body: unknown): Promise<unknown> {
  const response = await mock.fetch(`${mock.url}/auth/v1${path}`, {
    method,
    headers: { apikey: mock.anonKey, authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`mock ${method} ${path}: ${response.status}`);
  return response.json();
}
