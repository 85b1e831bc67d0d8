import { describe, expect, it } from 'vitest';
import { createCookiePlan } from '../cookies/cookie-write.js';
import type { Outcome } from '../outcome.js';
import { denyUnauthenticated, redirectSignedIn, respondBadPath, respondCrossSite, respondUnavailable } from '../response/response-policy.js';
import { ATTRIBUTES } from './test-support/cookie-instance.js';
import { AUTH_RESPONSE_HEADERS, carryAuthHeaders } from './auth-response-headers.js';

const writing = createCookiePlan([], [{ name: 'stub-session', value: 'new', attributes: ATTRIBUTES }]);
const quiet = createCookiePlan([], []);
const login = { loginPath: '/login', returnToParam: 'next' };

/** Every kind of outcome the response policy renders, with and without cookie writes. */
const OUTCOMES: Outcome[] = [writing, quiet].flatMap((cookies) => [
  denyUnauthenticated({ kind: 'document', method: 'GET', target: '/x', reason: 'no_session', cookies, login }),
  denyUnauthenticated({ kind: 'data', method: 'GET', target: '/api/x', reason: 'no_session', cookies, login }),
  respondUnavailable('document', 'network', cookies),
  respondUnavailable('data', 'timeout', cookies),
  respondBadPath('encoded_slash', cookies),
  respondCrossSite(cookies),
  redirectSignedIn('POST', '/', cookies),
  { kind: 'continue', auth: { kind: 'anonymous', reason: 'no_session' }, route: null, requestCookieHeader: cookies.requestCookieHeader, cookies, headers: cookies.headers },
]);

/** HTTP/1.0 spellings of no-store: caches ignore them when Cache-Control is present. */
const HTTP10_DUPLICATES = ['expires', 'pragma'];

describe('AUTH_RESPONSE_HEADERS', () => {
  it('names every header an outcome sets, but the HTTP/1.0 duplicates of Cache-Control', () => {
    const carried = new Set(AUTH_RESPONSE_HEADERS.map((name) => name.toLowerCase()));
    const seen = new Set(OUTCOMES.flatMap((outcome) => outcome.headers.map(([name]) => name.toLowerCase())));
    expect([...seen].filter((name) => !carried.has(name) && !HTTP10_DUPLICATES.includes(name))).toEqual([]);
    // And each listed header does occur (a stale entry would hide a missing one).
    expect([...carried].filter((name) => !seen.has(name))).toEqual([]);
  });
});

describe('carryAuthHeaders', () => {
  it('keeps the base headers, drops its Set-Cookie and adds the auth headers of the sources, later ones winning', () => {
    const base = new Headers([['X-Parent', '1'], ['Set-Cookie', 'a=1'], ['Cache-Control', 'max-age=60']]);
    const loader = new Response(null, { headers: [['Cache-Control', 'private, no-store'], ['Vary', 'Cookie'], ['Set-Cookie', 'b=2'], ['X-Loader', '1']] }).headers;
    const error = new Headers([['Retry-After', '5'], ['WWW-Authenticate', 'Bearer realm="lockstep"'], ['Cache-Control', 'private, no-cache, no-store']]);
    const headers = carryAuthHeaders(base, [loader, undefined, error]);
    expect(Object.fromEntries(headers)).toEqual({
      'x-parent': '1',
      'cache-control': 'private, no-cache, no-store',
      vary: 'Cookie',
      'retry-after': '5',
      'www-authenticate': 'Bearer realm="lockstep"',
    });
    expect(headers.getSetCookie()).toEqual([]);
    expect(base.getSetCookie()).toEqual(['a=1']);
  });
});
