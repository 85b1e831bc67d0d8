import { describe, expect, it } from 'vitest';
import {
  prefixStorageKey,
  resolveCookieAttributes,
  resolveCookieOptions,
  type CookieOptions,
} from './cookie-attributes.js';

const HTTPS = new URL('https://app.example.com/dashboard');
const HTTP = new URL('http://localhost:3000/');

describe('resolveCookieAttributes', () => {
  // The Supabase provider's tests pin these against @supabase/ssr's DEFAULT_COOKIE_OPTIONS.
  it('defaults are the browser client\'s (/, lax, not httpOnly, 400 days), with Secure on except for plain http to this machine', () => {
    expect(resolveCookieAttributes(undefined, HTTPS)).toEqual({ path: '/', sameSite: 'lax', httpOnly: false, maxAge: 34_560_000, secure: true });
    expect(resolveCookieAttributes({}, HTTP)).toMatchObject({ secure: false, maxAge: 34_560_000 });
  });

  it.each([
    ['http://localhost:3000/', false],
    ['http://app.localhost/', false],
    ['http://127.0.0.1:8080/', false],
    ['http://127.9.9.9/', false],
    ['http://[::1]:3000/', false],
    ['http://app.example.com/', true],
    ['http://192.168.1.20:3000/', true],
    ['http://localhost.example.com/', true],
    ['http://127.0.0.1.example.com/', true],
    ['http://[::2]/', true],
  ])('auto: %s → Secure %s (plain http is only left without Secure on loopback)', (url, secure) => {
    expect(resolveCookieAttributes(undefined, new URL(url)).secure).toBe(secure);
  });

  it.each<[string, CookieOptions, URL, Record<string, unknown>]>([
    ['secure: false on https', { secure: false }, HTTPS, { secure: false }],
    ['secure: true on http', { secure: true }, HTTP, { secure: true }],
    ['sameSite none forces Secure under auto', { sameSite: 'none' }, HTTP, { secure: true, sameSite: 'none' }],
    ['hostPrefix forces Secure', { hostPrefix: true }, HTTP, { secure: true, path: '/' }],
    ['domain and path kept', { domain: '.example.com', path: '/app' }, HTTPS, { domain: '.example.com', path: '/app' }],
    ['httpOnly and maxAge', { httpOnly: true, maxAge: 3600 }, HTTPS, { httpOnly: true, maxAge: 3600 }],
  ])('%s', (_name, options, url, expected) => {
    expect(resolveCookieAttributes(options, url)).toMatchObject(expected);
  });

  it('omits domain when none is configured, and never mutates the options', () => {
    const options: CookieOptions = { path: '/' };
    const attributes = resolveCookieAttributes(options, HTTPS);
    expect('domain' in attributes).toBe(false);
    expect(options).toEqual({ path: '/' });
    expect(Object.isFrozen(attributes)).toBe(true);
  });
});

describe('resolveCookieOptions: validation', () => {
  it.each<[string, unknown]>([
    ['sameSite none with secure false', { sameSite: 'none', secure: false }],
    ['hostPrefix with a domain', { hostPrefix: true, domain: 'example.com' }],
    ['hostPrefix with another path', { hostPrefix: true, path: '/app' }],
    ['hostPrefix with secure false', { hostPrefix: true, secure: false }],
    ['maxAge 0', { maxAge: 0 }],
    ['maxAge negative', { maxAge: -1 }],
    ['maxAge fractional', { maxAge: 1.5 }],
    ['maxAge infinite', { maxAge: Infinity }],
    ['maxAge NaN', { maxAge: NaN }],
    ['maxAge string', { maxAge: '3600' }],
    ['path without leading slash', { path: 'app' }],
    ['path with a semicolon', { path: '/a;b' }],
    ['domain with a space', { domain: 'exa mple.com' }],
    ['empty domain', { domain: '' }],
    ['unknown sameSite', { sameSite: 'Lax' }],
    ['secure as a string', { secure: 'yes' }],
    ['httpOnly as a string', { httpOnly: 'true' }],
    ['unknown option (typo)', { maxage: 10 }],
    ['upstream-only option name', { name: 'my-cookie' }],
    ['not an object', 'lax'],
  ])('%s → ERR_CONFIG_COOKIE', (_name, options) => {
    expect(() => resolveCookieOptions(options as CookieOptions)).toThrow(
      expect.objectContaining({ name: 'LockstepError', code: 'ERR_CONFIG_COOKIE' }),
    );
  });

  it('undefined values fall back to the defaults (?? semantics)', () => {
    expect(resolveCookieOptions({ path: undefined, maxAge: undefined })).toEqual(resolveCookieOptions());
  });
});

describe('prefixStorageKey', () => {
  it.each<[CookieOptions | undefined, string, string]>([
    [undefined, 'sb-abc-auth-token', 'sb-abc-auth-token'],
    [{ hostPrefix: false }, 'sb-abc-auth-token', 'sb-abc-auth-token'],
    [{ hostPrefix: true }, 'sb-abc-auth-token', '__Host-sb-abc-auth-token'],
    [{ hostPrefix: true }, '__Host-sb-abc-auth-token', '__Host-sb-abc-auth-token'],
  ])('%j: %s → %s', (options, key, expected) => {
    expect(prefixStorageKey(key, options)).toBe(expected);
  });
});
