// Revocation through a whole instance: the middleware, the guards, sign-outs and refused refreshes, with an injected clock.
import { describe, expect, it, vi } from 'vitest';
import { createLockstep } from '../lockstep.js';
import type { LockstepEvent } from '../events.js';
import type { Outcome } from '../outcome.js';
import type { SessionClaims } from '../session/session.js';
import type { RevocationEntry } from './revocation-entry.js';
import type { RevocationSink, RevocationStore } from './revocation-store.js';
import { createMemoryRevocationStore } from './memory-revocation-store.js';
import type { RevocationOptions } from './revocation-options.js';
import { FIRST_REPORT_MS } from './revocation.js';
import { accessToken, createFakeBackend, sessionCookie, type FakeBackend } from './test-support/fake-provider.js';

const T0 = 1_800_000_000;
const APP = 'https://app.test';

function setup(revocation: RevocationOptions = {}, backend: FakeBackend = createFakeBackend()) {
  let now = T0;
  const events: LockstepEvent[] = [];
  const lockstep = createLockstep(
    {
      provider: () => backend.provider,
      routes: [
        { match: '/login', access: 'authPage' },
        { match: '/feed', access: 'protected', verify: 'session' },
        { match: '/admin', access: 'protected', verify: 'user' },
      ],
      revocation,
      onEvent: (event) => events.push(event),
    },
    { now: () => now },
  );
  return {
    lockstep,
    backend,
    events,
    advance: (seconds: number) => void (now += seconds),
    at: () => now,
    get: (path: string, cookie: string) => lockstep.handle(new Request(`${APP}${path}`, { headers: { cookie, accept: 'text/html', 'sec-fetch-mode': 'navigate' } })),
  };
}

const claims = (sub: string, sessionId: string | undefined, iat = T0 - 60): SessionClaims => ({ sub, iat, exp: iat + 3600, ...(sessionId === undefined ? {} : { session_id: sessionId }) });
const ada = claims('ada', 's-ada-1');
const adaPhone = claims('ada', 's-ada-2');
const bob = claims('bob', 's-bob-1');

function signedIn(outcome: Outcome): boolean {
  return outcome.kind === 'continue' && outcome.auth.kind === 'authenticated';
}
function deniedAndCleared(outcome: Outcome): boolean {
  return outcome.kind === 'redirect' && outcome.reason === 'unauthenticated' && outcome.cookies.setCookie.some((line) => line.startsWith('fake-session=;') && /Max-Age=0/i.test(line));
}
const signedOutReasons = (events: readonly LockstepEvent[]): string[] => events.flatMap((event) => (event.type === 'session.signed_out' ? [event.reason] : []));

describe('revokeSession / revokeUser on the instance', () => {
  it('revokeSession: that session is denied with its cookies cleared (reason session_revoked); the same user’s other session and other users go on', async () => {
    const app = setup();
    expect(signedIn(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
    await app.lockstep.revokeSession('s-ada-1');
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
    expect(signedOutReasons(app.events)).toEqual(['session_revoked']);
    expect(signedIn(await app.get('/dashboard', sessionCookie(adaPhone)))).toBe(true);
    expect(signedIn(await app.get('/dashboard', sessionCookie(bob)))).toBe(true);
  });

  it('revokeUser: every token of the user issued up to then is denied; a token issued after it, and other users, are not', async () => {
    const app = setup();
    await app.lockstep.revokeUser('ada');
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(adaPhone)))).toBe(true);
    // Issued in the revocation's own second: revoked too (iat ≤ T).
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(claims('ada', 's-ada-3', T0))))).toBe(true);
    expect(signedIn(await app.get('/dashboard', sessionCookie(claims('ada', 's-ada-4', T0 + 1))))).toBe(true);
    expect(signedIn(await app.get('/dashboard', sessionCookie(bob)))).toBe(true);
  });

  it('a token without iat cannot show it is newer than a user revocation: revoked', async () => {
    const app = setup();
    await app.lockstep.revokeUser('ada');
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie({ sub: 'ada', exp: T0 + 600 })))).toBe(true);
  });

  it('the guards (verifyRequest, guard) refuse a revoked session in claims and user mode', async () => {
    const app = setup();
    await app.lockstep.revokeSession('s-ada-1');
    const request = () => new Request(`${APP}/dashboard`, { headers: { cookie: sessionCookie(ada) } });
    expect(await app.lockstep.verifyRequest(request(), 'claims')).toEqual({ kind: 'anonymous', reason: 'session_revoked' });
    expect(await app.lockstep.verifyRequest(request(), 'user')).toEqual({ kind: 'anonymous', reason: 'session_revoked' });
    expect((await app.lockstep.guard(request())).kind).not.toBe('authenticated');
    expect(await app.lockstep.verifyRequest(new Request(`${APP}/dashboard`, { headers: { cookie: sessionCookie(bob) } }))).toMatchObject({ kind: 'authenticated' });
  });

  it('a Bearer request on an API path with a revoked token gets 401 session_revoked; an unrevoked one passes', async () => {
    const app = setup();
    await app.lockstep.revokeSession('s-ada-1');
    const bearer = (token: string) => app.lockstep.handle(new Request(`${APP}/api/me`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }));
    const refused = await bearer(accessToken(ada));
    expect(refused.kind === 'respond' && refused.status === 401 && refused.body.reason === 'session_revoked').toBe(true);
    expect(signedIn(await bearer(accessToken(bob)))).toBe(true);
  });

  it('a user-mode route refuses it too', async () => {
    const app = setup();
    await app.lockstep.revokeUser('ada');
    expect(deniedAndCleared(await app.get('/admin', sessionCookie(ada)))).toBe(true);
  });

  it('session mode verifies nothing, revocation included: a revoked session still passes a session-mode route', async () => {
    const app = setup();
    await app.lockstep.revokeSession('s-ada-1');
    expect(signedIn(await app.get('/feed', sessionCookie(ada)))).toBe(true);
  });

  it('an entry lives maxTokenLifetimeSeconds, then is gone', async () => {
    const app = setup({ maxTokenLifetimeSeconds: 600 });
    const late = claims('ada', 's-ada-1', T0 + 500);
    await app.lockstep.revokeSession('s-ada-1');
    app.advance(599);
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(late)))).toBe(true);
    app.advance(1);
    expect(signedIn(await app.get('/dashboard', sessionCookie(late)))).toBe(true);
  });

  it('bad ids are refused with ERR_REQUEST_INVALID, nothing is revoked', async () => {
    const app = setup();
    for (const id of ['', 'a b', 'x'.repeat(257), 42 as unknown as string]) {
      await expect(app.lockstep.revokeSession(id)).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
      await expect(app.lockstep.revokeUser(id)).rejects.toMatchObject({ code: 'ERR_REQUEST_INVALID' });
    }
    expect(signedIn(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
  });

  it('instances sharing a store see each other’s revocations, including those made before they were created', async () => {
    const store = createMemoryRevocationStore({ now: () => T0 });
    const a = setup({ store });
    await a.lockstep.revokeSession('s-ada-1');
    const b = setup({ store });
    expect(deniedAndCleared(await b.get('/dashboard', sessionCookie(ada)))).toBe(true);
    await b.lockstep.revokeUser('bob');
    expect(deniedAndCleared(await a.get('/dashboard', sessionCookie(bob)))).toBe(true);
  });
});

describe('what the session machine does with a revoked token', () => {
  it('a fresh revoked token: anonymous and cleared at once, no refresh is tried', async () => {
    const app = setup();
    await app.lockstep.revokeSession('s-ada-1');
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
    expect(app.backend.refreshes).toBe(0);
  });

  it('a revoked session id near expiry: the refresh still yields that session id, so it is refused and cleared', async () => {
    const app = setup();
    await app.lockstep.revokeSession('s-ada-1');
    const expiring = claims('ada', 's-ada-1', T0 - 3590);
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(expiring)))).toBe(true);
    expect(app.backend.refreshes).toBe(1);
  });

  it('a revoked user near expiry whose refresh the auth server still grants is signed in again (the new token is issued after the revocation): a ban needs the auth server', async () => {
    const app = setup();
    await app.lockstep.revokeUser('ada');
    app.advance(1);
    const expiring = claims('ada', 's-ada-1', T0 - 3590);
    const outcome = await app.get('/dashboard', sessionCookie(expiring));
    expect(signedIn(outcome) && outcome.kind === 'continue' && outcome.auth.kind === 'authenticated' && outcome.auth.refreshed).toBe(true);
  });

  it('the same with the auth server refusing the refresh (it banned the user): signed out', async () => {
    const app = setup();
    await app.lockstep.revokeUser('ada');
    app.backend.refreshAnswer = { kind: 'rejected', reason: 'invalid_grant' };
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(claims('ada', 's-ada-1', T0 - 3590))))).toBe(true);
  });
});

describe('marking', () => {
  const post = (path: string, cookie: string) => new Request(`${APP}${path}`, { method: 'POST', headers: { cookie, origin: APP } });

  it('local sign-out revokes that session id everywhere it is verified locally (a copy of the cookie is refused)', async () => {
    const app = setup();
    const result = await app.lockstep.signOut(post('/logout', sessionCookie(ada)));
    expect(result.kind).toBe('signed_out');
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
    expect(signedIn(await app.get('/dashboard', sessionCookie(adaPhone)))).toBe(true);
  });

  it('global sign-out revokes every session of the user', async () => {
    const app = setup();
    await app.lockstep.signOut(post('/logout', sessionCookie(ada)), { scope: 'global' });
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(adaPhone)))).toBe(true);
    expect(signedIn(await app.get('/dashboard', sessionCookie(bob)))).toBe(true);
  });

  it('"others" sign-out revokes the user’s other sessions and keeps the current one', async () => {
    const app = setup();
    await app.lockstep.signOut(post('/logout', sessionCookie(ada)), { scope: 'others' });
    expect(signedIn(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(adaPhone)))).toBe(true);
  });

  it('a sign-out with an expired token marks its session once its refresh proves the session is held', async () => {
    const app = setup();
    const expired = claims('ada', 's-ada-1', T0 - 4000);
    await app.lockstep.signOut(post('/logout', sessionCookie(expired)));
    expect(app.backend.refreshes).toBe(1);
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(claims('ada', 's-ada-1', T0 - 10))))).toBe(true);
  });

  it('an old, expired token alone (its refresh refused) marks nothing: a leaked token cannot sign its user out everywhere', async () => {
    const app = setup();
    app.backend.refreshAnswer = { kind: 'rejected', reason: 'invalid_grant' };
    await app.lockstep.signOut(post('/logout', sessionCookie(claims('ada', 's-ada-1', T0 - 4000))), { scope: 'global' });
    expect(signedIn(await app.get('/dashboard', sessionCookie(adaPhone)))).toBe(true);
  });

  it('a forged cookie signs nobody else out: its claims do not verify, nothing is marked', async () => {
    const app = setup();
    await app.lockstep.signOut(post('/logout', sessionCookie(ada, false)), { scope: 'global' });
    await app.lockstep.signOut(post('/logout', sessionCookie(adaPhone, false)));
    expect(signedIn(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
    expect(signedIn(await app.get('/dashboard', sessionCookie(adaPhone)))).toBe(true);
  });

  it('a sign-out of a token without session_id: global revokes the user; local and others mark nothing narrower', async () => {
    const app = setup();
    const noSid = claims('cy', undefined);
    await app.lockstep.signOut(post('/logout', sessionCookie(noSid)), { scope: 'others' });
    await app.lockstep.signOut(post('/logout', sessionCookie(noSid)));
    expect(signedIn(await app.get('/dashboard', sessionCookie(noSid)))).toBe(true);
    await app.lockstep.signOut(post('/logout', sessionCookie(noSid)), { scope: 'global' });
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(noSid)))).toBe(true);
  });

  it('a refresh the auth server refuses for good marks the session id: another copy of the session, still fresh, is refused', async () => {
    const app = setup();
    app.backend.refreshAnswer = { kind: 'rejected', reason: 'invalid_grant' };
    const expiring = claims('ada', 's-ada-1', T0 - 3590);
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(expiring)))).toBe(true);
    // A thief's copy with a token issued a little later (a replayed refresh): fresh, yet refused.
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(claims('ada', 's-ada-1', T0 - 100))))).toBe(true);
    expect(signedIn(await app.get('/dashboard', sessionCookie(adaPhone)))).toBe(true);
  });

  it('a refused refresh of a cookie whose token was not due (an edited expires_at, a planted refresh token) marks nothing', async () => {
    const app = setup();
    app.backend.refreshAnswer = { kind: 'rejected', reason: 'invalid_grant' };
    const edited = sessionCookie(ada).replace(encodeURIComponent(`"expiresAt":${ada.exp}`), encodeURIComponent('"expiresAt":1'));
    expect(edited).not.toBe(sessionCookie(ada));
    expect(deniedAndCleared(await app.get('/dashboard', edited))).toBe(true);
    expect(app.backend.refreshes).toBe(1);
    expect(signedIn(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
  });

  it('a refused refresh next to a forged access token marks nothing', async () => {
    const app = setup();
    app.backend.refreshAnswer = { kind: 'rejected', reason: 'invalid_grant' };
    await app.get('/dashboard', sessionCookie(claims('ada', 's-ada-1', T0 - 3590), false));
    expect(signedIn(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
  });

  it('an outage is no refusal: nothing is marked', async () => {
    const app = setup();
    app.backend.refreshAnswer = { kind: 'unavailable', cause: 'network' };
    await app.get('/dashboard', sessionCookie(claims('ada', 's-ada-1', T0 - 3590)));
    expect(signedIn(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
  });
});

/** A store the test drives: status and failures by hand. */
function controlledStore() {
  const sinks: RevocationSink[] = [];
  let failing = false;
  const store: RevocationStore = {
    async publish(entry: RevocationEntry) {
      if (failing) throw Object.assign(new Error('connection refused (secret=do-not-log)'), { code: 'ERR_TEST_DOWN' });
      for (const sink of sinks) sink.add(entry);
    },
    subscribe(sink) {
      sinks.push(sink);
      return () => undefined;
    },
  };
  return {
    store,
    down: () => {
      failing = true;
      for (const sink of sinks) sink.status({ kind: 'unavailable', code: 'ERR_TEST_DOWN' });
    },
    up: () => {
      failing = false;
      for (const sink of sinks) sink.status({ kind: 'available' });
    },
  };
}

describe('before the store first reports (its initial load)', () => {
  it('a request waits for the load and sees the revocations it brought, instead of missing them', async () => {
    let sink: RevocationSink | undefined;
    const store: RevocationStore = { publish: async () => undefined, subscribe: (given) => ((sink = given), () => undefined) };
    const app = setup({ store });
    const pending = app.get('/dashboard', sessionCookie(ada));
    await Promise.resolve();
    sink?.add({ kind: 'session', sessionId: 's-ada-1', expiresAt: T0 + 3600 });
    sink?.status({ kind: 'available' });
    expect(deniedAndCleared(await pending)).toBe(true);
    expect(signedIn(await app.get('/dashboard', sessionCookie(bob)))).toBe(true);
  });

  it('a store that never reports holds requests at most FIRST_REPORT_MS, then counts as unavailable (policy applies, event says so)', async () => {
    vi.useFakeTimers();
    try {
      const store: RevocationStore = { publish: async () => undefined, subscribe: () => () => undefined };
      const app = setup({ store, onStoreError: 'open' });
      const pending = app.get('/dashboard', sessionCookie(bob));
      await vi.advanceTimersByTimeAsync(FIRST_REPORT_MS);
      expect(signedIn(await pending)).toBe(true);
      expect(app.events).toContainEqual({ type: 'revocation.store_unavailable', policy: 'open', code: 'ERR_REVOCATION_STORE_SILENT' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('an unreachable store', () => {
  it("'open': claims routes keep verifying locally with the entries held, and an event says the view may be stale", async () => {
    const control = controlledStore();
    const app = setup({ store: control.store, onStoreError: 'open' });
    control.up();
    await app.lockstep.revokeSession('s-ada-1');
    control.down();
    expect(app.events).toContainEqual({ type: 'revocation.store_unavailable', policy: 'open', code: 'ERR_TEST_DOWN' });
    expect(signedIn(await app.get('/dashboard', sessionCookie(bob)))).toBe(true);
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
    expect(app.backend.userChecks).toBe(0);
    control.up();
    expect(app.events).toContainEqual({ type: 'revocation.store_available' });
  });

  it("'closed': claims routes are verified with the auth server (user mode) until the store is back", async () => {
    const control = controlledStore();
    const app = setup({ store: control.store, onStoreError: 'closed' });
    // The first load failed: closed from the start.
    control.down();
    expect(signedIn(await app.get('/dashboard', sessionCookie(bob)))).toBe(true);
    expect(app.backend.userChecks).toBe(1);
    control.up();
    await app.get('/dashboard', sessionCookie(bob));
    expect(app.backend.userChecks).toBe(1);
    control.down();
    expect(app.events).toContainEqual({ type: 'revocation.store_unavailable', policy: 'closed', code: 'ERR_TEST_DOWN' });
    expect(signedIn(await app.get('/dashboard', sessionCookie(bob)))).toBe(true);
    expect(app.backend.userChecks).toBe(2);
    control.up();
    await app.get('/dashboard', sessionCookie(bob));
    expect(app.backend.userChecks).toBe(2);
  });

  it('revokeSession while the store fails: rejects with ERR_REVOCATION_UNAVAILABLE (no store message in it), yet this instance refuses the session', async () => {
    const control = controlledStore();
    const app = setup({ store: control.store });
    control.down();
    const failure = await app.lockstep.revokeSession('s-ada-1').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ERR_REVOCATION_UNAVAILABLE' });
    expect(String((failure as Error).message)).not.toContain('secret');
    expect(deniedAndCleared(await app.get('/dashboard', sessionCookie(ada)))).toBe(true);
  });

  it('a sign-out while the store fails still signs out, and says the store did not take it', async () => {
    const control = controlledStore();
    const app = setup({ store: control.store });
    control.down();
    const result = await app.lockstep.signOut(new Request(`${APP}/logout`, { method: 'POST', headers: { cookie: sessionCookie(ada), origin: APP } }));
    expect(result.kind).toBe('signed_out');
    expect(app.events.filter((event) => event.type === 'revocation.store_unavailable')).toHaveLength(2);
  });
});

describe('options', () => {
  it.each([
    [{ maxTokenLifetimeSeconds: 0 }],
    [{ maxTokenLifetimeSeconds: 1.5 }],
    [{ onStoreError: 'maybe' }],
    [{ store: {} }],
    [{ maxEntries: 0 }],
    ['yes'],
    [{ maxTokenLifetime: 60 }],
  ])('%j is refused at boot', (revocation) => {
    expect(() => setup(revocation as RevocationOptions)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }) as Error);
  });
});
