// Tests — Bearer access tokens on API paths: checked like a cookie's token, never refreshed or written, never on pages, never mixed with another user's cookie.
import { describe, expect, it } from 'vitest';
import { claimsProvider, sessionCookie } from '../assurance/test-support/claims-provider.js';
import { createLockstep } from '../lockstep.js';
import type { LockstepBaseOptions } from '../options.js';
import type { Outcome } from '../outcome.js';
import type { SessionProvider } from '../session/session-provider.js';
import { bearerCredential } from './bearer-token.js';

const NOW = 1_800_000_000;
const ada = { sub: 'ada', exp: NOW + 600, aal: 'aal1' };
const bob = { sub: 'bob', exp: NOW + 600 };
const tokenOf = (claims: Record<string, unknown>): string => sessionCookie(claims).split('=')[1] ?? '';

function instance(extra: Partial<LockstepBaseOptions> = {}, provider: () => SessionProvider = claimsProvider) {
  return createLockstep({ provider, routes: [{ match: '/api/public', access: 'public' }, { match: '/api/billing/**', access: 'protected', aal: 'aal2' }], ...extra }, { now: () => NOW });
}

const send = (path: string, headers: Record<string, string>, extra?: Partial<LockstepBaseOptions>, provider?: () => SessionProvider): Promise<Outcome> =>
  instance(extra, provider).handle(new Request(`https://app.example${path}`, { headers }));

const challenge = (outcome: Outcome) => outcome.headers.find(([name]) => name === 'WWW-Authenticate')?.[1];

describe('bearerCredential', () => {
  it.each([
    ['Bearer abc.def-_~+/=', { kind: 'token', token: 'abc.def-_~+/=' }],
    ['bearer abc', { kind: 'token', token: 'abc' }],
    ['Bearer   abc  ', { kind: 'token', token: 'abc' }],
    ['Basic dXNlcjpwYXNz', { kind: 'none' }],
    ['Bearerabc', { kind: 'none' }],
    ['Bearer', { kind: 'malformed' }],
    ['Bearer ', { kind: 'malformed' }],
    ['Bearer a b', { kind: 'malformed' }],
    ['Bearer a,b', { kind: 'malformed' }],
    ['Bearer a\tb', { kind: 'malformed' }],
    ['Bearer =abc', { kind: 'malformed' }],
    [`Bearer ${'a'.repeat(16385)}`, { kind: 'malformed' }],
  ])('%j → %j', (header, expected) => {
    expect(bearerCredential(header)).toEqual(expected);
  });
});

describe('Bearer requests on API paths', () => {
  it('are signed in by a valid token, with credential "bearer", and write nothing', async () => {
    const outcome = await send('/api/me', { authorization: `Bearer ${tokenOf(ada)}` });
    expect(outcome).toMatchObject({ kind: 'continue', auth: { kind: 'authenticated', user: { id: 'ada' }, credential: 'bearer', verifiedBy: 'claims', refreshed: false } });
    expect(outcome.cookies.writes).toEqual([]);
  });

  it('an expired token gets 401 invalid_token (the client refreshes itself), never a refresh or a redirect', async () => {
    const outcome = await send('/api/me', { authorization: `Bearer ${tokenOf({ ...ada, exp: NOW - 1 })}`, accept: 'text/html', 'sec-fetch-mode': 'navigate' });
    expect(outcome).toMatchObject({ kind: 'respond', status: 401, body: { reason: 'session_expired' } });
    expect(challenge(outcome)).toBe('Bearer realm="lockstep", error="invalid_token"');
  });

  it('a malformed or undecodable token gets 401 invalid_token', async () => {
    for (const authorization of ['Bearer a b', 'Bearer not-a-token', 'Bearer ']) {
      const outcome = await send('/api/me', { authorization });
      expect(outcome, authorization).toMatchObject({ kind: 'respond', status: 401, body: { reason: 'invalid_token' } });
    }
  });

  it('a bad token on a public API path is simply anonymous', async () => {
    expect(await send('/api/public', { authorization: 'Bearer junk' })).toMatchObject({ kind: 'continue', auth: { kind: 'anonymous', reason: 'invalid_token' } });
  });

  it('is refused when the request also carries another user’s session cookie; the same user passes', async () => {
    const mixed = await send('/api/me', { authorization: `Bearer ${tokenOf(ada)}`, cookie: sessionCookie(bob) });
    expect(mixed).toMatchObject({ kind: 'respond', status: 401, body: { reason: 'ambiguous_session' } });
    expect((await send('/api/me', { authorization: `Bearer ${tokenOf(ada)}`, cookie: sessionCookie(ada) })).kind).toBe('continue');
  });

  it('never count on a page: a Bearer header on a document path is ignored (the cookie decides)', async () => {
    const outcome = await send('/dashboard', { authorization: `Bearer ${tokenOf(ada)}`, accept: 'text/html', 'sec-fetch-mode': 'navigate' });
    expect(outcome).toMatchObject({ kind: 'redirect', reason: 'unauthenticated' });
  });

  it('are off with bearer: false', async () => {
    expect(await send('/api/me', { authorization: `Bearer ${tokenOf(ada)}` }, { bearer: false })).toMatchObject({ kind: 'respond', status: 401, body: { reason: 'no_session' } });
  });

  it('meet route requirements like cookie sessions', async () => {
    const outcome = await send('/api/billing/x', { authorization: `Bearer ${tokenOf(ada)}` });
    expect(outcome).toMatchObject({ kind: 'respond', status: 401, body: { requirement: 'aal' } });
    expect((await send('/api/billing/x', { authorization: `Bearer ${tokenOf({ ...ada, aal: 'aal2' })}` })).kind).toBe('continue');
  });

  it('an API key the provider recognizes is ignored: the cookie decides', async () => {
    const withKeys = () => ({ ...claimsProvider(), isApiKey: (token: string) => token.startsWith('sb_publishable_') });
    const outcome = await send('/api/me', { authorization: 'Bearer sb_publishable_x', cookie: sessionCookie(bob) }, {}, withKeys);
    expect(outcome).toMatchObject({ kind: 'continue', auth: { user: { id: 'bob' } } });
    expect((outcome as { auth: { credential?: string } }).auth.credential).toBeUndefined();
  });

  it('the server guards accept the same token on API paths', async () => {
    const lockstep = instance();
    const allowed = await lockstep.guard(new Request('https://app.example/api/me', { headers: { authorization: `Bearer ${tokenOf(ada)}`, accept: 'application/json' } }));
    expect(allowed).toMatchObject({ kind: 'allowed', auth: { credential: 'bearer', user: { id: 'ada' } } });
    const page = await lockstep.guard(new Request('https://app.example/dashboard', { headers: { authorization: `Bearer ${tokenOf(ada)}` } }));
    expect(page.kind).toBe('denied');
  });

  it('a guard denies an expired or malformed Bearer token with the middleware’s challenge (invalid_token); no token, no error', async () => {
    const lockstep = instance();
    const guarded = async (headers: Record<string, string>) => {
      const result = await lockstep.guard(new Request('https://app.example/api/me', { headers: { accept: 'application/json', ...headers } }));
      if (result.kind !== 'denied') throw new Error('expected a denial');
      return challenge(result.outcome);
    };
    expect(await guarded({ authorization: `Bearer ${tokenOf({ ...ada, exp: NOW - 1 })}` })).toBe('Bearer realm="lockstep", error="invalid_token"');
    expect(await guarded({ authorization: 'Bearer junk' })).toBe('Bearer realm="lockstep", error="invalid_token"');
    expect(await guarded({})).toBe('Bearer realm="lockstep"');
  });

  it('a session-mode rule still verifies a Bearer token', async () => {
    let checkedIn: string | undefined;
    const spying = () => {
      const base = claimsProvider();
      return { ...base, check: (session: Parameters<SessionProvider['check']>[0], source: Parameters<SessionProvider['check']>[1], now: number) => ((checkedIn = source.kind === 'cookie' ? source.mode : 'issued'), base.check(session, source, now)) };
    };
    await send('/api/hints', { authorization: `Bearer ${tokenOf(ada)}` }, { routes: [{ match: '/api/hints', access: 'protected', verify: 'session' }] }, spying);
    expect(checkedIn).toBe('claims');
  });
});
