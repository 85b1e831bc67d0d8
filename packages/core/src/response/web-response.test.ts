import { describe, expect, it } from 'vitest';
import type { CookiePlan } from '../cookies/cookie-write.js';
import type { ContinueOutcome } from '../outcome.js';
import { denyUnauthenticated, respondUnavailable } from './response-policy.js';
import { applyOutcomeToResponse, toWebResponse } from './web-response.js';

const plan: CookiePlan = {
  writes: [],
  setCookie: ['sb-x-auth-token.0=base64-abc; Path=/; Max-Age=34560000; SameSite=Lax', 'sb-x-auth-token.1=; Path=/; Max-Age=0'],
  headers: [
    ['Cache-Control', 'private, no-cache, no-store, must-revalidate, max-age=0'],
    ['Vary', 'Cookie'],
  ],
  requestCookieHeader: 'sb-x-auth-token.0=base64-abc',
};
const proceed: ContinueOutcome = {
  kind: 'continue',
  auth: { kind: 'anonymous', reason: 'no_session' },
  route: null,
  requestCookieHeader: plan.requestCookieHeader,
  cookies: plan,
  headers: plan.headers,
};
const login = { loginPath: '/login', returnToParam: 'next' };

describe('toWebResponse', () => {
  it('renders a redirect with Location, every Set-Cookie and the no-store headers', () => {
    const response = toWebResponse(denyUnauthenticated({ kind: 'document', method: 'GET', target: '/d', reason: 'no_session', cookies: plan, login }));
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('/login?next=%2Fd');
    expect(response.headers.getSetCookie()).toEqual(plan.setCookie);
    expect(response.headers.get('cache-control')).toContain('no-store');
  });

  it('renders 401 as JSON and 503 for documents as text', async () => {
    const api = toWebResponse(denyUnauthenticated({ kind: 'data', method: 'GET', target: '/api', reason: 'no_session', cookies: plan, login }));
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await api.json()).toEqual({ error: 'unauthorized', reason: 'no_session' });
    const page = toWebResponse(respondUnavailable('document', 'network', plan));
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await page.text()).toMatch(/temporarily unavailable/);
  });
});

describe('applyOutcomeToResponse (DESIGN C6)', () => {
  it('adds cookies to the app’s own response and merges Vary', () => {
    const response = applyOutcomeToResponse(new Response('ok', { headers: { vary: 'Accept-Encoding', 'cache-control': 'public, max-age=60' } }), proceed);
    expect(response.headers.getSetCookie()).toEqual(plan.setCookie);
    expect(response.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    expect(response.headers.get('cache-control')).toBe('private, no-cache, no-store, must-revalidate, max-age=0');
  });

  it('copies a response with immutable headers (Response.redirect) and keeps status and Location', () => {
    const original = Response.redirect('https://app.test/elsewhere', 302);
    const response = applyOutcomeToResponse(original, proceed);
    expect(response).not.toBe(original);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://app.test/elsewhere');
    expect(response.headers.getSetCookie()).toHaveLength(2);
  });

  it('keeps a streamed body intact', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('chunk-1 '));
        controller.enqueue(new TextEncoder().encode('chunk-2'));
        controller.close();
      },
    });
    const response = applyOutcomeToResponse(new Response(stream), proceed);
    expect(await response.text()).toBe('chunk-1 chunk-2');
    expect(response.headers.getSetCookie()).toHaveLength(2);
  });

  it('lets a cookie the app sets itself win over the middleware’s write of the same name (sign-out after a refresh)', () => {
    const writes = [
      { name: 'sb-x-auth-token.0', value: 'base64-abc', attributes: { path: '/', sameSite: 'lax' as const, secure: false, httpOnly: false, maxAge: 34560000 } },
      { name: 'sb-x-auth-token.1', value: '', attributes: { path: '/', sameSite: 'lax' as const, secure: false, httpOnly: false, maxAge: 0 } },
    ];
    const refreshed = { ...proceed, cookies: { ...plan, writes } };
    const signOut = new Response(null, { status: 303, headers: [['Set-Cookie', 'sb-x-auth-token.0=; Max-Age=0; Path=/'], ['Location', '/login']] });
    const response = applyOutcomeToResponse(signOut, refreshed);
    expect(response.headers.getSetCookie()).toEqual(['sb-x-auth-token.0=; Max-Age=0; Path=/']);
  });

  it('treats a chunk family as one unit, so chunks of two sessions never mix on one response', () => {
    const attributes = { path: '/', sameSite: 'lax' as const, secure: false, httpOnly: false, maxAge: 34560000 };
    const writes = ['sb-x-auth-token.0', 'sb-x-auth-token.1', 'sb-x-auth-token.2', 'other'].map((name) => ({ name, value: 'v', attributes }));
    const ours: CookiePlan = { ...plan, writes, setCookie: writes.map((write) => `${write.name}=ours; Path=/`) };
    // The app wrote its own (one-chunk) session: none of our chunks may join it.
    const own = new Response(null, { headers: [['Set-Cookie', 'sb-x-auth-token=app; Path=/']] });
    expect(applyOutcomeToResponse(own, { ...proceed, cookies: ours }).headers.getSetCookie()).toEqual(['sb-x-auth-token=app; Path=/', 'other=ours; Path=/']);
    const chunk = new Response(null, { headers: [['Set-Cookie', 'sb-x-auth-token.1=app; Path=/']] });
    expect(applyOutcomeToResponse(chunk, { ...proceed, cookies: ours }).headers.getSetCookie()).toEqual(['sb-x-auth-token.1=app; Path=/', 'other=ours; Path=/']);
  });

  it('returns the same response untouched when there is nothing to apply', () => {
    const original = new Response('ok');
    const empty: CookiePlan = { writes: [], setCookie: [], headers: [], requestCookieHeader: '' };
    expect(applyOutcomeToResponse(original, { ...proceed, cookies: empty, headers: [] })).toBe(original);
  });
});
