import { describe, expect, it } from 'vitest';
import { originFormTarget, requestUrl } from '../src/request-target.js';

describe('originFormTarget', () => {
  it.each([
    ['/dashboard?x=1', '/dashboard?x=1'],
    ['//evil.com/x', '//evil.com/x'],
    ['http://evil.com/dashboard', '/dashboard'],
    ['HTTPS://evil.com/a/b?q=%2F', '/a/b?q=%2F'],
    ['http://evil.com', '/'],
    ['http://evil.com//other.example/x', '//other.example/x'],
  ])('%s → %s', (target, expected) => {
    expect(originFormTarget(target)).toBe(expected);
  });

  it.each(['*', 'evil.com:443', 'evil.com', 'http://', 'http://[bad/x', 'ftp://evil.com/x', ''])('%s → refused', (target) => {
    expect(originFormTarget(target)).toBeNull();
  });
});

describe('requestUrl', () => {
  it('builds the URL on the Host header, never on an absolute target host', () => {
    expect(requestUrl({ url: 'http://evil.com/dashboard', headers: { host: '127.0.0.1:3000' } }, 'localhost')).toBe('http://127.0.0.1:3000/dashboard');
    expect(requestUrl({ url: '/x', headers: {} }, '127.0.0.1')).toBe('http://127.0.0.1/x');
    expect(requestUrl({ url: '/x', headers: { host: '[::1]:8080' } }, 'localhost')).toBe('http://[::1]:8080/x');
  });

  it.each(['a@evil.com', 'evil.com/x', 'a b', 'evil.com:', '', 'host:99999999'])('refuses the Host %j', (host) => {
    expect(requestUrl({ url: '/x', headers: { host } }, 'localhost')).toBeNull();
  });
});
