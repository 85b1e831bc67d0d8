import { describe, expect, it } from 'vitest';
import type { CookiePlan } from '../cookies/cookie-write.js';
import { denyUnauthenticated, redirectSignedIn, respondBadPath, respondUnavailable } from './response-policy.js';

const login = { loginPath: '/login', returnToParam: 'next' };
const noWrites: CookiePlan = { writes: [], setCookie: [], headers: [], requestCookieHeader: '' };
const clearing: CookiePlan = {
  writes: [],
  setCookie: ['sb-x-auth-token=; Max-Age=0; Path=/'],
  headers: [['Cache-Control', 'private, no-cache, no-store, must-revalidate, max-age=0']],
  requestCookieHeader: '',
};

describe('denyUnauthenticated', () => {
  it('redirects a document GET to login with the path and query as return-to (307)', () => {
    const outcome = denyUnauthenticated({ kind: 'document', method: 'GET', target: '/dashboard?tab=a&b=c', reason: 'no_session', cookies: noWrites, login });
    expect(outcome).toMatchObject({ kind: 'redirect', status: 307, reason: 'unauthenticated' });
    const location = new URL(outcome.kind === 'redirect' ? outcome.location : '', 'https://app.test');
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('next')).toBe('/dashboard?tab=a&b=c');
    expect(outcome.headers).toContainEqual(['Cache-Control', 'private, no-store']);
  });

  it('uses 303 for a non-GET document so the login page never receives a replayed body', () => {
    const outcome = denyUnauthenticated({ kind: 'document', method: 'POST', target: '/form', reason: 'no_session', cookies: noWrites, login });
    expect(outcome).toMatchObject({ kind: 'redirect', status: 303 });
  });

  it('answers a data request with 401 JSON and WWW-Authenticate (DESIGN C22)', () => {
    const outcome = denyUnauthenticated({ kind: 'data', method: 'GET', target: '/api/me', reason: 'refresh_token_already_used', cookies: clearing, login });
    expect(outcome).toMatchObject({ kind: 'respond', status: 401, format: 'json', body: { error: 'unauthorized', reason: 'refresh_token_already_used' } });
    expect(outcome.headers.map(([name]) => name)).toContain('WWW-Authenticate');
  });

  it('keeps the cookie plan and its no-store header instead of adding a second Cache-Control', () => {
    const outcome = denyUnauthenticated({ kind: 'document', method: 'GET', target: '/x', reason: 'session_expired', cookies: clearing, login });
    expect(outcome.cookies).toBe(clearing);
    expect(outcome.headers.filter(([name]) => name.toLowerCase() === 'cache-control')).toEqual([clearing.headers[0]]);
  });
});

describe('other decided responses', () => {
  it('503 keeps cookies, says when to retry, and is text for documents, JSON for data', () => {
    const page = respondUnavailable('document', 'timeout', noWrites);
    const api = respondUnavailable('data', 'server_error', noWrites);
    expect(page).toMatchObject({ status: 503, format: 'text', body: { error: 'auth_unavailable', reason: 'timeout' } });
    expect(api).toMatchObject({ status: 503, format: 'json' });
    expect(page.headers).toContainEqual(['Retry-After', '5']);
    expect(page.cookies.setCookie).toEqual([]);
  });

  it('400 for a malformed path', () => {
    expect(respondBadPath('bad_encoding', noWrites)).toMatchObject({ status: 400, body: { error: 'bad_request', reason: 'bad_encoding' } });
  });

  it('signed-in redirect from an auth page carries the refreshed cookies (DESIGN C5)', () => {
    const outcome = redirectSignedIn('GET', '/dashboard', clearing);
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/dashboard', status: 307, reason: 'signed_in_on_auth_page' });
    expect(outcome.cookies.setCookie).toHaveLength(1);
  });
});
