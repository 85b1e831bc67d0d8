import { describe, expect, it } from 'vitest';
import { cookieInstance } from './test-support/cookie-instance.js';
import { signInResponse } from './sign-in-response.js';

const form = () => new Request('http://app.test/login', { method: 'POST', headers: { origin: 'http://app.test', 'sec-fetch-site': 'same-origin' } });

describe('signInResponse', () => {
  it('renders a sign-in as the redirect that carries the session cookie', async () => {
    const instance = cookieInstance();
    const { response, result } = signInResponse(await instance.signInWithPassword(form(), { email: 'a@example.test', password: 'right', returnTo: '/dashboard' }));
    expect(result.kind).toBe('signed_in');
    expect(response?.status).toBe(303);
    expect(response?.headers.get('location')).toBe('/dashboard');
    expect(response?.headers.getSetCookie()).toEqual([expect.stringMatching(/^stub-session=good;/)]);
  });

  it('gives no response for a failure, only the reason', async () => {
    const instance = cookieInstance();
    const answer = signInResponse(await instance.signInWithPassword(form(), { email: 'a@example.test', password: 'wrong' }));
    expect(answer).toEqual({ response: null, result: { kind: 'rejected', reason: 'invalid_credentials' } });
  });
});
