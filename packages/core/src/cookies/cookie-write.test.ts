import { describe, expect, it } from 'vitest';
import { LockstepError } from '../errors.js';
import { createCookiePlan, isCookieDeletion, type CookieAttributes, type CookieWrite } from './cookie-write.js';
import { NO_STORE_HEADERS } from './no-store.js';
import { parseRequestCookies } from './request-cookies.js';

const ATTRS: CookieAttributes = { path: '/', sameSite: 'lax', secure: false, httpOnly: true, maxAge: 60 };
const set = (name: string, value: string, attributes: Partial<CookieAttributes> = {}): CookieWrite => ({
  name,
  value,
  attributes: { ...ATTRS, ...attributes },
});
const del = (name: string, attributes: Partial<CookieAttributes> = {}) => set(name, '', { ...attributes, maxAge: 0 });
const request = new Request('http://localhost/', { headers: { cookie: 'a=1; b=two%20words; c=3' } });
const cookies = parseRequestCookies(request.headers.get('cookie'));

describe('createCookiePlan', () => {
  it.each<{ name: string; writes: CookieWrite[]; kept: string[]; header: string }>([
    { name: 'no writes', writes: [], kept: [], header: 'a=1; b=two%20words; c=3' },
    { name: 'same value as the request is not rewritten', writes: [set('a', '1')], kept: [], header: 'a=1; b=two%20words; c=3' },
    { name: 'changed value replaces in place', writes: [set('b', 'new')], kept: ['b=new'], header: 'a=1; b=new; c=3' },
    { name: 'new cookie is appended', writes: [set('d', 'x y')], kept: ['d=x%20y'], header: 'a=1; b=two%20words; c=3; d=x%20y' },
    { name: 'deletion of a present cookie', writes: [del('a')], kept: ['a='], header: 'b=two%20words; c=3' },
    { name: 'deletion of an absent cookie is dropped', writes: [del('zz')], kept: [], header: 'a=1; b=two%20words; c=3' },
    { name: 'last write to one scope wins', writes: [set('a', '2'), set('a', '1')], kept: [], header: 'a=1; b=two%20words; c=3' },
    { name: 'set after delete at the same scope', writes: [del('a'), set('a', '9')], kept: ['a=9'], header: 'a=9; b=two%20words; c=3' },
    { name: 'different domains are different scopes', writes: [del('a'), del('a', { domain: 'example.com' })], kept: ['a=', 'a='], header: 'b=two%20words; c=3' },
  ])('$name', ({ writes, kept, header }) => {
    const plan = createCookiePlan(cookies, writes);
    expect(plan.setCookie.map((s) => s.slice(0, s.indexOf(';')))).toEqual(kept);
    expect(plan.requestCookieHeader).toBe(header);
    expect(plan.headers).toEqual(kept.length > 0 ? NO_STORE_HEADERS : []);
    expect(plan.setCookie).toHaveLength(plan.writes.length);
  });

  it('serializes attributes, and deletions with Max-Age=0 and an empty value', () => {
    const plan = createCookiePlan(cookies, [
      set('a', 'v', { domain: 'example.com', path: '/app', sameSite: 'none', secure: true }),
      { ...del('c'), value: 'ignored' },
    ]);
    expect(plan.setCookie).toEqual([
      'a=v; Max-Age=60; Domain=example.com; Path=/app; HttpOnly; Secure; SameSite=None',
      'c=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
    ]);
    expect(isCookieDeletion(plan.writes[1] as CookieWrite)).toBe(true);
  });

  it('is frozen', () => {
    const plan = createCookiePlan(cookies, [set('a', '2')]);
    expect(Object.isFrozen(plan) && Object.isFrozen(plan.writes) && Object.isFrozen(plan.setCookie)).toBe(true);
  });

  it('rejects an unserializable name with ERR_CONFIG_COOKIE and without the value', () => {
    expect(() => createCookiePlan([], [set('bad name', 'secret-token')])).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG_COOKIE', message: expect.not.stringContaining('secret-token') }),
    );
    expect(() => createCookiePlan([], [set('bad name', 'x')])).toThrow(LockstepError);
  });
});
