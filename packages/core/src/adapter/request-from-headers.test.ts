import { describe, expect, it } from 'vitest';
import { toRequestRecord } from '../request/request-record.js';
import { requestFromHeaders } from './request-from-headers.js';

const headers = (host: string | null) => new Headers(host === null ? { cookie: 'a=1' } : { host, cookie: 'a=1' });

describe('requestFromHeaders', () => {
  it('is null without a Host: no request behind the headers (a static render)', () => {
    expect(requestFromHeaders(headers(null), 'GET', ['/x'])).toBeNull();
  });

  it('takes the first same-origin path, else the root', () => {
    expect(requestFromHeaders(headers('app.test'), 'GET', ['/from-proxy?x=1', '/page'])?.url).toBe('http://app.test/from-proxy?x=1');
    expect(requestFromHeaders(headers('app.test'), 'GET', [null, '/page'])?.url).toBe('http://app.test/page');
    expect(requestFromHeaders(headers('app.test'), 'GET', ['//evil.test/x', 'https://evil.test/', 'relative', undefined])?.url).toBe('http://app.test/');
    expect(requestFromHeaders(headers('app.test'), 'GET', [])?.url).toBe('http://app.test/');
  });

  it.each([
    ['app.test:3000', 'http://app.test:3000/'],
    ['127.0.0.1', 'http://127.0.0.1/'],
    ['[::1]:8080', 'http://[::1]:8080/'],
    ['evil.test/path', 'http://localhost/'],
    ['evil.test@app.test', 'http://localhost/'],
    ['app.test:99999999', 'http://localhost/'],
    ['', 'http://localhost/'],
  ])('puts Host %j into the URL only when it is a host name (%s)', (host, url) => {
    expect(requestFromHeaders(headers(host), 'GET', [])?.url).toBe(url);
  });

  it('keeps the method and the very headers (the forwarded cookies), and the core reads it', () => {
    const incoming = headers('app.test');
    const request = requestFromHeaders(incoming, 'POST', ['/a']);
    expect(request).not.toBeNull();
    if (request === null) return;
    expect(request.headers).toBe(incoming);
    const record = toRequestRecord(request);
    expect([record.method, record.url.pathname, record.headers.get('cookie')]).toEqual(['POST', '/a', 'a=1']);
  });
});
