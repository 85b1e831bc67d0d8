// The failure classification of token-backend calls, and the default rejection table.
import { describe, expect, it } from 'vitest';
import { callTokenEndpoint, classifyAnswer } from './token-call.js';
import { defaultClassifyRejection } from './token-mapping.js';

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('classifyAnswer', () => {
  it.each([
    ['200 JSON', json(200, { ok: true }), { kind: 'ok', status: 200, body: { ok: true } }],
    ['204', new Response(null, { status: 204 }), { kind: 'ok', status: 204, body: null }],
    ['400 invalid_grant', json(400, { error: 'invalid_grant' }), { kind: 'error', status: 400, code: 'invalid_grant' }],
    ['400 with code', json(400, { error: 'invalid_grant', code: 'refresh_token_already_used' }), { kind: 'error', status: 400, code: 'refresh_token_already_used' }],
    ['401 without body', new Response(null, { status: 401 }), { kind: 'error', status: 401, code: null }],
    ['404 JSON', json(404, { error: 'not_found' }), { kind: 'error', status: 404, code: 'not_found' }],
    ['400 HTML', new Response('<html>', { status: 400 }), { kind: 'unavailable', cause: 'protocol', status: 400 }],
    ['200 HTML', new Response('<html>', { status: 200 }), { kind: 'unavailable', cause: 'protocol', status: 200 }],
    ['302', new Response(null, { status: 302, headers: { location: '/x' } }), { kind: 'unavailable', cause: 'protocol', status: 302 }],
    ['408', json(408, {}), { kind: 'unavailable', cause: 'server_error', status: 408 }],
    ['409', json(409, {}), { kind: 'unavailable', cause: 'server_error', status: 409 }],
    ['429', json(429, {}), { kind: 'unavailable', cause: 'rate_limited', status: 429 }],
    ['500', json(500, {}), { kind: 'unavailable', cause: 'server_error', status: 500 }],
    ['503 HTML', new Response('down', { status: 503 }), { kind: 'unavailable', cause: 'server_error', status: 503 }],
  ])('%s', async (_name, response, expected) => {
    expect(await classifyAnswer(response)).toEqual(expected);
  });
});

describe('callTokenEndpoint', () => {
  const ctx = (fetch: typeof globalThis.fetch, timeoutMs = 1000) => ({ fetch, timeoutMs, headers: { 'x-api-key': 'k' } });

  it('a network error is unavailable/network', async () => {
    const failing = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    expect(await callTokenEndpoint(ctx(failing), { url: 'https://api.test/token', method: 'POST' })).toEqual({ kind: 'unavailable', cause: 'network' });
  });

  it('a hung backend is unavailable/timeout within the bound, even if fetch ignores its signal', async () => {
    const hung = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    const started = performance.now();
    expect(await callTokenEndpoint(ctx(hung, 50), { url: 'https://api.test/token', method: 'POST' })).toEqual({ kind: 'unavailable', cause: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('sends JSON or a form, the configured headers and the bearer token', async () => {
    const seen: Request[] = [];
    const recording = ((input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return Promise.resolve(json(200, {}));
    }) as typeof fetch;
    await callTokenEndpoint(ctx(recording), { url: 'https://api.test/token', method: 'POST', body: { form: { grant_type: 'refresh_token', refresh_token: 'r' } } });
    await callTokenEndpoint(ctx(recording), { url: 'https://api.test/me', method: 'GET', bearer: 'tok' });
    expect(seen[0]?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await seen[0]?.text()).toBe('grant_type=refresh_token&refresh_token=r');
    expect(seen[0]?.headers.get('x-api-key')).toBe('k');
    expect(seen[1]?.headers.get('authorization')).toBe('Bearer tok');
  });
});

describe('defaultClassifyRejection', () => {
  it.each([
    [400, 'invalid_grant', { kind: 'terminal', reason: 'invalid_grant' }],
    [400, 'refresh_token_already_used', { kind: 'terminal', reason: 'refresh_token_already_used' }],
    [400, 'session_not_found', { kind: 'terminal', reason: 'session_not_found' }],
    [400, 'something_else', { kind: 'transient' }],
    [401, null, { kind: 'transient' }],
    [401, 'invalid_grant', { kind: 'terminal', reason: 'invalid_grant' }],
    [403, 'user_banned', { kind: 'terminal', reason: 'user_banned' }],
    [404, 'not_found', { kind: 'transient' }],
    [422, 'invalid_request', { kind: 'transient' }],
  ] as const)('%i %s', (status, code, verdict) => {
    expect(defaultClassifyRejection({ status, code })).toEqual(verdict);
  });
});
