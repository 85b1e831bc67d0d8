import { describe, expect, it } from 'vitest';
import { publicOrigin } from './public-url.js';
import { toRequestRecord } from './request-record.js';

const request = (headers: Record<string, string>) => toRequestRecord(new Request('http://10.0.0.5:3000/login?x=1', { headers }));

describe('publicOrigin', () => {
  const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'app.example.com' };

  it('ignores X-Forwarded-* unless the app trusts its proxy: any client can send them', () => {
    expect(publicOrigin(request(forwarded), false).href).toBe('http://10.0.0.5:3000/login?x=1');
  });

  it('takes the first forwarded scheme and host behind a trusted proxy', () => {
    expect(publicOrigin(request({ 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'app.example.com, internal' }), true).href).toBe('https://app.example.com/login?x=1');
  });

  it.each([
    ['an unknown scheme', { 'x-forwarded-proto': 'javascript' }],
    ['a host with a path', { 'x-forwarded-host': 'evil.example/x' }],
    ['a host with credentials', { 'x-forwarded-host': 'a@evil.example' }],
    ['empty values', { 'x-forwarded-proto': '', 'x-forwarded-host': ' ' }],
  ])('keeps the request\'s own scheme and host for %s', (_name, headers) => {
    expect(publicOrigin(request(headers), true).origin).toBe('http://10.0.0.5:3000');
  });
});
