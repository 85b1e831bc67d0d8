import { describe, expect, it } from 'vitest';
import { continueOutcome, ATTRIBUTES } from './test-support/cookie-instance.js';
import { downstreamCookie, forwardedRequest, setRequestCookie, withRequestCookie } from './request-cookie.js';

const ORIGINAL = 'other=a%20b; stub-session=old; other=second';
const refreshed = continueOutcome(
  [{ name: 'other', value: 'a b' }, { name: 'stub-session', value: 'old' }],
  [{ name: 'stub-session', value: 'new', attributes: ATTRIBUTES }],
);
const cleared = continueOutcome([{ name: 'stub-session', value: 'old' }], [{ name: 'stub-session', value: '', attributes: { ...ATTRIBUTES, maxAge: 0 } }]);
const unchanged = continueOutcome([{ name: 'stub-session', value: 'old' }], []);

describe('downstreamCookie', () => {
  it('is the rewritten header after a write, null without one (the browser header goes on as it is)', () => {
    expect(downstreamCookie(refreshed)).toBe('other=a%20b; stub-session=new');
    expect(downstreamCookie(cleared)).toBe('');
    expect(downstreamCookie(unchanged)).toBeNull();
  });
});

describe('setRequestCookie', () => {
  it('replaces the header in place, and removes it for an empty value', () => {
    const request = new Request('http://app.test/', { headers: { cookie: ORIGINAL } });
    expect(setRequestCookie(request.headers, 'stub-session=new')).toBe(true);
    expect(request.headers.get('cookie')).toBe('stub-session=new');
    expect(setRequestCookie(request.headers, '')).toBe(true);
    expect(request.headers.has('cookie')).toBe(false);
  });

  it('reports immutable headers instead of throwing, and changes nothing', () => {
    const immutable = Response.redirect('http://app.test/x', 302).headers;
    expect(setRequestCookie(immutable, 'stub-session=new')).toBe(false);
    expect(immutable.has('cookie')).toBe(false);
  });
});

describe('withRequestCookie', () => {
  it('copies: the original headers are untouched', () => {
    const original = new Headers({ cookie: ORIGINAL, 'x-app': '1' });
    const copy = withRequestCookie(original, 'stub-session=new');
    expect(copy.get('cookie')).toBe('stub-session=new');
    expect(copy.get('x-app')).toBe('1');
    expect(original.get('cookie')).toBe(ORIGINAL);
    expect(withRequestCookie(original, null).get('cookie')).toBe(ORIGINAL);
    expect(withRequestCookie(original, '').has('cookie')).toBe(false);
  });
});

describe('forwardedRequest', () => {
  it('is the same request when the core wrote nothing', () => {
    const request = new Request('http://app.test/', { headers: { cookie: ORIGINAL } });
    expect(forwardedRequest(request, unchanged)).toBe(request);
  });

  it('carries the refreshed session downstream, keeping method, URL, other headers and body', async () => {
    const request = new Request('http://app.test/form?x=1', { method: 'POST', body: 'payload', headers: { cookie: ORIGINAL, 'content-type': 'text/plain' } });
    const forwarded = forwardedRequest(request, refreshed);
    expect(forwarded).not.toBe(request);
    expect(forwarded.headers.get('cookie')).toBe('other=a%20b; stub-session=new');
    expect([forwarded.method, forwarded.url, forwarded.headers.get('content-type')]).toEqual(['POST', 'http://app.test/form?x=1', 'text/plain']);
    expect(await forwarded.text()).toBe('payload');
    expect(request.headers.get('cookie')).toBe(ORIGINAL);
  });

  it('drops the header when the last cookie was cleared (a sign-out the handlers must not undo)', () => {
    const request = new Request('http://app.test/', { headers: { cookie: 'stub-session=old' } });
    expect(forwardedRequest(request, cleared).headers.has('cookie')).toBe(false);
  });
});
