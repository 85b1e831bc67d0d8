import { describe, expect, it } from 'vitest';
import { crossSiteVerdict } from './same-origin.js';

const HOST = 'app.example.com';
const verdict = (headers: Record<string, string>, allowed: readonly string[] = []) => crossSiteVerdict(new Headers(headers), HOST, new Set(allowed));

describe('crossSiteVerdict (C34)', () => {
  it.each([
    ['the app\'s own origin', { origin: 'https://app.example.com' }],
    ['the app\'s own origin over http (TLS ended at a proxy)', { origin: 'http://app.example.com' }],
    ['the same host in capitals', { origin: 'https://APP.example.com' }],
    ['no Origin, same-origin fetch metadata', { 'sec-fetch-site': 'same-origin' }],
    ['no Origin, a typed address', { 'sec-fetch-site': 'none' }],
    ['no browser headers at all (curl, a server)', {}],
    ['the Host header the browser sent, when the framework renamed the URL\'s host', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }],
  ])('lets through %s', (_name, headers) => {
    expect(verdict(headers)).toBeNull();
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['a sibling subdomain', { origin: 'https://evil.app.example.com' }],
    ['the right host on another port', { origin: 'https://app.example.com:8443' }],
    ['a look-alike host', { origin: 'https://app.example.com.evil.example' }],
    ['Origin: null (sandboxed frame)', { origin: 'null' }],
    ['an unparseable Origin', { origin: 'not a url' }],
    ['no Origin, cross-site fetch metadata', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin, same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['a Host header naming another host than the Origin', { origin: 'https://evil.example', host: 'app.example.com' }],
    ['an allowed origin does not open others', { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }],
  ])('refuses %s', (_name, headers) => {
    expect(verdict(headers, ['https://www.example.com'])).toBe('cross_site_request');
  });

  it('lets through an origin the app allows', () => {
    expect(verdict({ origin: 'https://www.example.com', 'sec-fetch-site': 'same-site' }, ['https://www.example.com'])).toBeNull();
  });
});
