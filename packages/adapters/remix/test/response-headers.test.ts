// The loader-style merge: cookies onto every kind of loader result (DESIGN C6 for Remix v2 helpers).
import type { ContinueOutcome } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { mergeOutcome } from '../src/response-headers.js';

const outcome: ContinueOutcome = {
  kind: 'continue',
  auth: { kind: 'anonymous', reason: 'no_session' },
  route: null,
  requestCookieHeader: 'sb-x-auth-token=new',
  cookies: {
    writes: [],
    setCookie: ['sb-x-auth-token=new; Path=/; SameSite=Lax'],
    headers: [['Cache-Control', 'private, no-store'], ['Vary', 'Cookie']],
    requestCookieHeader: 'sb-x-auth-token=new',
  },
  headers: [['Cache-Control', 'private, no-store'], ['Vary', 'Cookie']],
};

describe('mergeOutcome', () => {
  it('a Response keeps its status and body and gains the cookies', async () => {
    const merged = mergeOutcome(new Response('hi', { status: 201 }), outcome);
    expect(merged.status).toBe(201);
    expect(await merged.text()).toBe('hi');
    expect(merged.headers.getSetCookie()).toEqual(outcome.cookies.setCookie);
  });

  it('an immutable Response.redirect() is copied', () => {
    const merged = mergeOutcome(Response.redirect('http://app.test/x', 302), outcome);
    expect(merged.headers.get('location')).toBe('http://app.test/x');
    expect(merged.headers.getSetCookie()).toHaveLength(1);
  });

  it('a data() result stays one, with its own headers and status kept', () => {
    const result = { type: 'DataWithResponseInit', data: { a: 1 }, init: { status: 202, headers: { 'X-Own': '1' } } } as const;
    const merged = mergeOutcome(result, outcome);
    expect(merged.data).toEqual({ a: 1 });
    expect(merged.init).toMatchObject({ status: 202 });
    const headers = new Headers(merged.init?.headers);
    expect(headers.get('x-own')).toBe('1');
    expect(headers.getSetCookie()).toEqual(outcome.cookies.setCookie);
    expect(headers.get('cache-control')).toContain('no-store');
  });

  it('a plain value becomes JSON that carries the cookies', async () => {
    const merged = mergeOutcome({ a: 1 }, outcome);
    expect(await merged.json()).toEqual({ a: 1 });
    expect(merged.headers.getSetCookie()).toHaveLength(1);
  });
});
