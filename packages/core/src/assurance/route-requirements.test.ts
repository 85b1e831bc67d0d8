// Tests — route requirements (aal2, recent sign-in, roles, claims) through the middleware and the guards, with real Requests.
import { describe, expect, it } from 'vitest';
import { guardDenial } from '../adapter/guard-response.js';
import type { LockstepEvent } from '../events.js';
import { createLockstep } from '../lockstep.js';
import type { LockstepBaseOptions } from '../options.js';
import type { Outcome } from '../outcome.js';
import { expectLockstepError } from '../routes/test-support/expect-lockstep-error.js';
import { claimsProvider, sessionCookie } from './test-support/claims-provider.js';

const NOW = 1_800_000_000;
const base = { sub: 'user-1', exp: NOW + 3600, iat: NOW - 60 };
const aal1 = { ...base, aal: 'aal1', amr: [{ method: 'password', timestamp: NOW - 600 }] };
const aal2 = { ...base, aal: 'aal2', amr: [{ method: 'password', timestamp: NOW - 600 }, { method: 'totp', timestamp: NOW - 30 }] };
const VERIFIED = [{ status: 'verified' }];

const ROUTES: LockstepBaseOptions['routes'] = [
  { match: '/', access: 'public' },
  { match: '/settings/security', access: 'protected' },
  { match: '/admin/billing/**', access: 'protected', aal: 'aal2' },
  { match: '/admin/**', access: 'protected', roles: ['admin'] },
  { match: '/api/admin/**', access: 'protected', roles: ['admin'] },
  { match: '/api/danger/**', access: 'protected', recentSignIn: 300 },
  { match: '/pro/**', access: 'protected', claims: { 'app_metadata.plan': ['pro', 'team'] } },
];

function instance(extra: Partial<LockstepBaseOptions> = {}, events: LockstepEvent[] = []) {
  return createLockstep(
    { provider: claimsProvider, routes: ROUTES, stepUpPath: '/settings/security', onEvent: (e) => events.push(e), ...extra },
    { now: () => NOW },
  );
}

function request(path: string, claims: Record<string, unknown>, init: { api?: boolean; factors?: readonly { status: string }[] } = {}): Request {
  return new Request(`https://app.example${path}`, {
    headers: { cookie: sessionCookie(claims, init.factors), ...(init.api === true ? { accept: 'application/json' } : { accept: 'text/html', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }) },
  });
}

async function bodyOf(outcome: Outcome): Promise<unknown> {
  return outcome.kind === 'respond' ? outcome.body : null;
}

function header(outcome: Outcome, name: string): string | undefined {
  return outcome.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

describe('aal: "aal2"', () => {
  it('lets an aal2 session through', async () => {
    expect((await instance().handle(request('/admin/billing/invoices', { ...aal2, app_metadata: { role: 'admin' } }, { factors: VERIFIED }))).kind).toBe('continue');
  });

  it('sends an aal1 page request to the step-up page with return-to and the requirement', async () => {
    const outcome = await instance().handle(request('/admin/billing/invoices?tab=2', { ...aal1, app_metadata: { role: 'admin' } }, { factors: VERIFIED }));
    expect(outcome).toMatchObject({ kind: 'redirect', status: 307, reason: 'step_up', requirement: 'aal', location: '/settings/security?next=%2Fadmin%2Fbilling%2Finvoices%3Ftab%3D2&requirement=aal' });
  });

  it('sends a user without a verified factor to enrolPath instead', async () => {
    const outcome = await instance({ enrolPath: '/settings/security/enrol' }).handle(request('/admin/billing', aal1, { factors: [{ status: 'unverified' }] }));
    expect(outcome).toMatchObject({ kind: 'redirect', location: '/settings/security/enrol?next=%2Fadmin%2Fbilling&requirement=aal' });
  });

  it('answers an API request with 401 and the RFC 9470 challenge', async () => {
    const routes = [{ match: '/api/billing/**', access: 'protected' as const, aal: 'aal2' as const }];
    const outcome = await instance({ routes }).handle(request('/api/billing/x', aal1, { api: true }));
    expect(outcome).toMatchObject({ kind: 'respond', status: 401, format: 'json' });
    expect(await bodyOf(outcome)).toEqual({ error: 'unauthorized', reason: 'insufficient_user_authentication', requirement: 'aal' });
    expect(header(outcome, 'WWW-Authenticate')).toBe('Bearer realm="lockstep", error="insufficient_user_authentication", acr_values="aal2"');
  });

  it('answers a page with 401 (never a login redirect, which would loop) when no stepUpPath is set', async () => {
    const outcome = await createLockstep({ provider: claimsProvider, routes: ROUTES }, { now: () => NOW }).handle(request('/admin/billing', aal1));
    expect(outcome).toMatchObject({ kind: 'respond', status: 401, format: 'text', body: { reason: 'insufficient_user_authentication' } });
  });

  it('treats a missing or odd aal claim as aal1', async () => {
    for (const aal of [undefined, 'AAL2', 'aal3', 2, ['aal2'], { aal: 'aal2' }]) {
      const outcome = await instance().handle(request('/admin/billing', { ...base, aal }));
      expect(outcome, JSON.stringify(aal)).toMatchObject({ kind: 'redirect', reason: 'step_up' });
    }
  });
});

describe('recentSignIn', () => {
  it('lets a sign-in within the window through (latest amr timestamp)', async () => {
    const claims = { ...base, amr: [{ method: 'password', timestamp: NOW - 3600 }, { method: 'otp', timestamp: NOW - 100 }] };
    expect((await instance().handle(request('/api/danger/delete', claims, { api: true }))).kind).toBe('continue');
  });

  it('reads OIDC auth_time too', async () => {
    expect((await instance().handle(request('/api/danger/delete', { ...base, auth_time: NOW - 10 }, { api: true }))).kind).toBe('continue');
  });

  it('refuses a stale or unknown sign-in time with 401 max_age', async () => {
    for (const claims of [{ ...base, amr: [{ method: 'password', timestamp: NOW - 301 }] }, base, { ...base, amr: ['pwd'] }, { ...base, auth_time: '1' }]) {
      const outcome = await instance().handle(request('/api/danger/delete', claims, { api: true }));
      expect(outcome).toMatchObject({ kind: 'respond', status: 401, body: { requirement: 'recent_sign_in' } });
      expect(header(outcome, 'WWW-Authenticate')).toBe('Bearer realm="lockstep", error="insufficient_user_authentication", max_age=300');
    }
  });
});

describe('roles', () => {
  it('reads app_metadata.role, app_metadata.roles, user_role and roles by default', async () => {
    for (const where of [{ app_metadata: { role: 'admin' } }, { app_metadata: { roles: ['x', 'admin'] } }, { user_role: 'admin' }, { roles: ['admin'] }]) {
      expect((await instance().handle(request('/admin/users', { ...base, ...where }))).kind, JSON.stringify(where)).toBe('continue');
    }
  });

  it('never takes a role from user_metadata (users write it) or from the database role claim', async () => {
    for (const where of [{ user_metadata: { role: 'admin' } }, { role: 'admin' }, { app_metadata: { roles: 'admin,owner' } }, { app_metadata: 'admin' }, { app_metadata: { role: { admin: true } } }]) {
      const outcome = await instance().handle(request('/api/admin/users', { ...base, ...where }, { api: true }));
      expect(outcome, JSON.stringify(where)).toMatchObject({ kind: 'respond', status: 403, body: { error: 'forbidden', reason: 'insufficient_role', requirement: 'roles' } });
    }
  });

  it('answers a page with 403, or sends it to forbiddenPath', async () => {
    expect(await instance().handle(request('/admin/users', base))).toMatchObject({ kind: 'respond', status: 403, format: 'text' });
    expect(await instance({ forbiddenPath: '/' }).handle(request('/admin/users', base))).toMatchObject({ kind: 'redirect', reason: 'forbidden', location: '/?next=%2Fadmin%2Fusers&requirement=roles' });
  });

  it('uses rolesFrom; a throwing one denies', async () => {
    const rolesFrom = (claims: Record<string, unknown>) => (claims.groups as string[]) ?? [];
    expect((await instance({ rolesFrom }).handle(request('/admin/x', { ...base, groups: ['admin'] }))).kind).toBe('continue');
    const throwing = () => {
      throw new Error('boom');
    };
    expect(await instance({ rolesFrom: throwing }).handle(request('/admin/x', { ...base, groups: ['admin'] }))).toMatchObject({ status: 403 });
  });
});

describe('claims', () => {
  it('matches a value, one of a list, or an element of an array claim', async () => {
    for (const plan of ['pro', 'team', ['free', 'team']]) {
      expect((await instance().handle(request('/pro/x', { ...base, app_metadata: { plan } }))).kind).toBe('continue');
    }
  });

  it('refuses a missing, different or prototype-reached claim with 403', async () => {
    for (const claims of [base, { ...base, app_metadata: { plan: 'free' } }, { ...base, app_metadata: { plan: 'PRO' } }, { ...base, app_metadata: JSON.parse('{"__proto__":{"plan":"pro"}}') as unknown }]) {
      expect(await instance().handle(request('/pro/x', claims, { api: true })), JSON.stringify(claims)).toMatchObject({ status: 403, body: { reason: 'insufficient_claims', requirement: 'claims' } });
    }
  });

  it('takes a predicate; a throw or a non-boolean denies', async () => {
    const routes = (claims: (c: Record<string, unknown>) => boolean) => [{ match: '/p/**', access: 'protected' as const, claims }];
    expect((await instance({ routes: routes((c) => c.tier === 3) }).handle(request('/p/x', { ...base, tier: 3 }))).kind).toBe('continue');
    expect(await instance({ routes: routes(() => 'yes' as unknown as boolean) }).handle(request('/p/x', base))).toMatchObject({ status: 403 });
    const throwing = () => {
      throw new Error('boom');
    };
    expect(await instance({ routes: routes(throwing) }).handle(request('/p/x', base))).toMatchObject({ status: 403 });
  });
});

describe('events, explain and the debug reason', () => {
  it('reports route.denied with the requirement', async () => {
    const events: LockstepEvent[] = [];
    await instance({}, events).handle(request('/admin/billing', aal1));
    expect(events.find((e) => e.type === 'route.denied')).toMatchObject({ type: 'route.denied', response: 'step_up', requirement: 'aal' });
    expect(events.find((e) => e.type === 'request.decided')).toMatchObject({ reason: 'step_up:aal' });
  });

  it('explain() names the requirements', () => {
    expect(instance().explain('/admin/billing/x').reason).toBe('matched rules[2] (protected, verify: claims, requires aal2) by pattern "/admin/billing/**"');
    expect(instance().explain('/pro/a').reason).toContain('requires claims app_metadata.plan = "pro" | "team"');
  });

  it('a case-insensitive reading keeps the requirements of every rule it may be decided by', () => {
    const lockstep = createLockstep({
      provider: claimsProvider,
      caseSensitive: false,
      routes: [
        { match: '/Vault/**', access: 'protected', aal: 'aal2' },
        { match: '/vault/**', access: 'protected', roles: ['owner'] },
      ],
    });
    const route = lockstep.explain('/vault/x');
    expect(route.kind === 'matched' && route.route.requirements).toMatchObject({ aal: 'aal2', roles: [['owner']] });
  });
});

describe('server guards', () => {
  it('check the route requirements and their own, both', async () => {
    const lockstep = instance();
    const admin = { ...aal1, app_metadata: { role: 'admin' } };
    expect((await lockstep.guard(request('/settings/security', admin))).kind).toBe('allowed');
    const denied = await lockstep.guard(request('/settings/security', admin, { api: true }), { aal: 'aal2' });
    expect(denied).toMatchObject({ kind: 'denied', unmet: { requirement: 'aal', response: 'step_up' }, auth: { kind: 'authenticated' } });
    expect((await lockstep.guard(request('/admin/users', aal2))).kind).toBe('denied');
    expect((await lockstep.guard(request('/admin/users', { ...aal2, app_metadata: { role: 'admin' } }), { recentSignIn: 60 })).kind).toBe('allowed');
  });

  it('turn a denial into a value for RPC callers', async () => {
    const denied = await instance().guard(request('/admin/users', base));
    if (denied.kind !== 'denied') throw new Error('expected a denial');
    expect(guardDenial(denied)).toEqual({ kind: 'denied', status: 403, error: { error: 'forbidden', reason: 'insufficient_role', requirement: 'roles' } });
    const stepUp = await instance().guard(request('/admin/billing', { ...aal1, app_metadata: { role: 'admin' } }));
    if (stepUp.kind !== 'denied') throw new Error('expected a denial');
    expect(guardDenial(stepUp)).toEqual({ kind: 'denied', status: 401, error: { error: 'unauthorized', reason: 'insufficient_user_authentication', requirement: 'aal' } });
  });

  it('refuse requirements in session mode', async () => {
    await expect(instance().guard(request('/', base), { mode: 'session', aal: 'aal2' })).rejects.toMatchObject({ code: 'ERR_CONFIG_VERIFY_MODE' });
  });
});

describe('configuration', () => {
  const make = (routes: unknown, extra: Record<string, unknown> = {}) => () => createLockstep({ provider: claimsProvider, routes: routes as LockstepBaseOptions['routes'], ...extra });
  it.each([
    [[{ match: '/a', access: 'public', aal: 'aal2' }], 'ERR_CONFIG_INVALID', /protected rules only/],
    [[{ match: '/a', access: 'protected', verify: 'session', roles: ['x'] }], 'ERR_CONFIG_VERIFY_MODE', /verified claims only/],
    [[{ match: '/a', access: 'protected', aal: 'aal1' }], 'ERR_CONFIG_INVALID', /aal must be "aal2"/],
    [[{ match: '/a', access: 'protected', recentSignIn: 0 }], 'ERR_CONFIG_INVALID', /recentSignIn/],
    [[{ match: '/a', access: 'protected', recentSignIn: 1.5 }], 'ERR_CONFIG_INVALID', /recentSignIn/],
    [[{ match: '/a', access: 'protected', roles: [] }], 'ERR_CONFIG_INVALID', /roles/],
    [[{ match: '/a', access: 'protected', roles: 'admin' }], 'ERR_CONFIG_INVALID', /roles/],
    [[{ match: '/a', access: 'protected', claims: { 'user_metadata.role': 'admin' } }], 'ERR_CONFIG_INVALID', /user_metadata/],
    [[{ match: '/a', access: 'protected', claims: { 'a..b': 'x' } }], 'ERR_CONFIG_INVALID', /dot path/],
    [[{ match: '/a', access: 'protected', claims: { plan: {} } }], 'ERR_CONFIG_INVALID', /string, number or boolean/],
    [[{ match: '/a', access: 'protected', claims: {} }], 'ERR_CONFIG_INVALID', /names no claim/],
  ])('%j → %s', (routes, code, message) => {
    expect(expectLockstepError(make(routes), code as never).message).toMatch(message);
  });

  it('refuses a step-up page that itself states requirements (it would loop)', () => {
    expect(expectLockstepError(make([{ match: '/mfa', access: 'protected', aal: 'aal2' }], { stepUpPath: '/mfa' }), 'ERR_CONFIG_PATH').message).toMatch(/could never reach it/);
    expect(expectLockstepError(make([], { forbiddenPath: '//evil.example' }), 'ERR_CONFIG_PATH').message).toMatch(/plain local path/);
  });
});
