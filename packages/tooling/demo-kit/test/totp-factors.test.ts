import { startMockAuth, totpCode, type RunningMockAuth } from '@lockstep/mock-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpFactors, verifiedTotpFactors } from '../src/totp-factors.js';

let mock: RunningMockAuth;

beforeAll(async () => {
  mock = await startMockAuth({ users: [{ email: 'mfa@example.com', password: 'password-1' }] });
});

afterAll(() => mock?.stop());

describe('totpFactors against the GoTrue mock', () => {
  it('enrols, refuses a wrong code, and raises the session to aal2 with the right one', async () => {
    const totp = totpFactors({ url: mock.url, key: mock.anonKey });
    const { access_token: token } = await mock.controls.issueSession('mfa@example.com');
    const enrolment = await totp.enrol(token);
    if (enrolment.kind !== 'enrolled') throw new Error(enrolment.message);
    expect(enrolment.qrSvg).toContain('<svg');
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);

    await expect(totp.verify(token, enrolment.factorId, '000000')).resolves.toEqual({ kind: 'rejected', message: 'Invalid TOTP code entered' });
    const verified = await totp.verify(token, enrolment.factorId, totpCode(enrolment.secret, mock.controls.clock.now()));
    expect(verified.kind).toBe('verified');
    const raised = (verified as { session: { access_token: string; refresh_token: string } }).session;
    expect(JSON.parse(Buffer.from(raised.access_token.split('.')[1] ?? '', 'base64url').toString())).toMatchObject({ aal: 'aal2' });
  });

  it('answers an unreachable auth server and an unknown factor with a message, never a throw', async () => {
    const { access_token: token } = await mock.controls.issueSession('mfa@example.com');
    await expect(totpFactors({ url: 'http://127.0.0.1:1', key: 'k' }).enrol(token)).resolves.toEqual({ kind: 'rejected', message: 'The auth server cannot be reached right now.' });
    const unknown = await totpFactors({ url: mock.url, key: mock.anonKey }).verify(token, '00000000-0000-4000-8000-000000000000', '123456');
    expect(unknown).toMatchObject({ kind: 'rejected', message: 'Factor not found' });
  });
});

describe('verifiedTotpFactors', () => {
  it('lists only verified TOTP factors of a GoTrue user object', () => {
    const user = {
      factors: [
        { id: 'a', status: 'verified', factor_type: 'totp', friendly_name: 'Phone' },
        { id: 'b', status: 'unverified', factor_type: 'totp' },
        { id: 'c', status: 'verified', factor_type: 'phone' },
        'junk',
        null,
      ],
    };
    expect(verifiedTotpFactors(user)).toEqual([{ id: 'a', name: 'Phone' }]);
    expect(verifiedTotpFactors({})).toEqual([]);
    expect(verifiedTotpFactors({ factors: 'nope' })).toEqual([]);
  });
});
