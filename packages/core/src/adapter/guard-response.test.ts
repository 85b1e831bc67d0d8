import { describe, expect, it } from 'vitest';
import { cookieInstance } from './test-support/cookie-instance.js';
import { guardDenial, guardResponse } from './guard-response.js';

const page = (path: string, cookie?: string) => new Request(`http://app.test${path}`, { headers: { accept: 'text/html', ...(cookie === undefined ? {} : { cookie }) } });
const api = (path: string, cookie?: string) => new Request(`http://app.test${path}`, { headers: { accept: 'application/json', ...(cookie === undefined ? {} : { cookie }) } });

describe('guardResponse', () => {
  it('passes a verified session through as it is', async () => {
    const guarded = await cookieInstance().guard(page('/dashboard', 'stub-session=good'));
    expect(guardResponse(guarded)).toBe(guarded);
    expect(guardResponse(guarded)).toMatchObject({ kind: 'allowed', auth: { kind: 'authenticated', user: { id: 'user-1' } } });
  });

  it('renders a document denial as the login redirect the middleware would send', async () => {
    const result = guardResponse(await cookieInstance().guard(page('/dashboard?tab=1')));
    if (result.kind !== 'denied') throw new Error('expected a denial');
    expect(result.auth).toEqual({ kind: 'anonymous', reason: 'no_session' });
    expect(result.response.status).toBe(307);
    expect(result.response.headers.get('location')).toBe('/login?next=%2Fdashboard%3Ftab%3D1');
    expect(result.response.headers.get('cache-control')).toContain('no-store');
  });

  it('renders a data denial as 401 JSON, and an auth-server outage as 503', async () => {
    const rejected = guardResponse(await cookieInstance().guard(api('/api/me', 'stub-session=forged')));
    if (rejected.kind !== 'denied') throw new Error('expected a denial');
    expect(rejected.response.status).toBe(401);
    expect(await rejected.response.json()).toEqual({ error: 'unauthorized', reason: 'invalid_token' });
    const down = guardResponse(await cookieInstance({ unavailable: true }).guard(api('/api/me', 'stub-session=good')));
    if (down.kind !== 'denied') throw new Error('expected a denial');
    expect([down.response.status, down.response.headers.get('retry-after')]).toEqual([503, '5']);
  });
});

describe('guardDenial', () => {
  it('turns a login redirect into 401 unauthorized with the reason, never a redirect', async () => {
    const result = await cookieInstance().guard(page('/dashboard', 'stub-session=forged'));
    if (result.kind !== 'denied') throw new Error('expected a denial');
    expect(result.outcome.kind).toBe('redirect');
    expect(guardDenial(result)).toEqual({ kind: 'denied', status: 401, error: { error: 'unauthorized', reason: 'invalid_token' } });
  });

  it('keeps a decided response status and body (503 while the auth server is down)', async () => {
    const result = await cookieInstance({ unavailable: true }).guard(api('/api/me', 'stub-session=good'));
    if (result.kind !== 'denied') throw new Error('expected a denial');
    expect(guardDenial(result)).toEqual({ kind: 'denied', status: 503, error: { error: 'auth_unavailable', reason: 'network' } });
  });

  it('a document request gets the 503 too while the auth server is down (a page cannot be sent to log in)', async () => {
    const result = await cookieInstance({ unavailable: true }).guard(page('/dashboard', 'stub-session=good'));
    if (result.kind !== 'denied') throw new Error('expected a denial');
    expect(guardDenial(result)).toEqual({ kind: 'denied', status: 503, error: { error: 'auth_unavailable', reason: 'network' } });
  });
});
