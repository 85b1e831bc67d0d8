// Separate OS processes behind a round-robin balancer, one redis-server, one mock auth server: one refresh per rotation, and a holder killed mid-refresh loses nobody.
import { createSupabaseLockstep } from '@lockstep/supabase';
import { startMockAuth, type RunningMockAuth } from '@lockstep/mock-auth';
import { createChunks, stringToBase64URL } from '@supabase/ssr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFETIME } from './support/app-instances.js';
import { startAppProcesses, type AppProcessGroup } from './multi-process/app-processes.js';
import type { AppReply } from './multi-process/protocol.js';
import { startRoundRobinBalancer, type RoundRobinBalancer } from './multi-process/round-robin-balancer.js';
import { HAS_REDIS, startRedisServer, type RedisServer } from './support/redis-server.js';

const PROCESSES = 4;
const BURST = 40;
const LOCK_MS = 3000;
const USER = { email: 'ada@example.com', password: 'correct-horse-1' } as const;

/** A reply, or the balancer's 502 for a request that was with a killed process. */
type Answer = AppReply | { readonly status: number };

describe.runIf(HAS_REDIS)(`${PROCESSES} app processes behind a round-robin balancer, one Redis (separate OS processes)`, () => {
  let redis: RedisServer | undefined;
  let mock: RunningMockAuth;
  let group: AppProcessGroup | undefined;
  let balancer: RoundRobinBalancer;
  beforeAll(async () => {
    [redis, mock] = await Promise.all([startRedisServer(), startMockAuth({ users: [USER] })]);
    // Locks live 3 s here (not 10), so the kill test watches a dead holder's lock expire soon; long
    // enough that a refresh on a loaded runner finishes while it holds the lock.
    group = await startAppProcesses(PROCESSES, { supabaseUrl: mock.url, supabaseKey: mock.anonKey, redisPort: redis.port, keyPrefix: 'fleet:', lockMs: LOCK_MS, pollIntervalMs: 50 });
    balancer = await startRoundRobinBalancer(group.processes.map((app) => app.port));
  }, 90_000);
  afterAll(async () => {
    await Promise.all([group?.stop(), balancer?.close()]);
    await Promise.all([redis?.stop(), mock?.stop()]);
  });
  const fleet = (): AppProcessGroup => {
    if (group === undefined) throw new Error('app processes not started');
    return group;
  };

  /** A session whose access token expired 5 s ago (real time), as the browser's cookie. */
  const expiredSessionCookie = async (): Promise<string> => {
    mock.controls.clock.set(Date.now() - (LIFETIME + 5) * 1000);
    const session = await mock.controls.issueSession(USER.email);
    mock.controls.clock.set(Date.now());
    const { storageKey } = createSupabaseLockstep({ supabaseUrl: mock.url, supabaseKey: mock.anonKey }).config;
    return createChunks(storageKey, `base64-${stringToBase64URL(JSON.stringify(session))}`)
      .map((chunk) => `${chunk.name}=${chunk.value}`)
      .join('; ');
  };

  const send = async (cookie: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${balancer.url}/dashboard`, { headers: { cookie, accept: 'text/html', 'sec-fetch-mode': 'navigate', ...headers }, signal: AbortSignal.timeout(15_000) });
    return response.status === 200 ? ((await response.json()) as AppReply) : { status: response.status };
  };
  const burst = (count: number, cookie: string): Promise<Answer[]> => Promise.all(Array.from({ length: count }, () => send(cookie)));
  const isReply = (answer: Answer): answer is AppReply => 'pid' in answer;

  it(`a burst of ${BURST} concurrent requests with one expired session, spread over every process: exactly 1 upstream refresh; late requests on any process get the successor`, async () => {
    const group = fleet();
    const cookie = await expiredSessionCookie();
    mock.controls.resetCounters();

    const answers = await burst(BURST, cookie);

    expect(mock.controls.calls('token:refresh_token')).toBe(1);
    expect(group.upstreamRefreshes).toHaveLength(1);
    expect(group.storeErrors).toEqual([]);
    const replies = answers.filter(isReply);
    expect(replies).toHaveLength(BURST);
    expect(replies.every((reply) => reply.authenticated && reply.refreshed)).toBe(true);
    expect(new Set(replies.map((reply) => reply.session)).size).toBe(1);
    expect(new Set(replies.map((reply) => reply.pid))).toEqual(new Set(group.processes.map((app) => app.pid)));

    // Later, the spent token again on every process (a tab that missed the new cookie): the successor, from Redis.
    const late = await burst(2 * PROCESSES, cookie);
    expect(late.filter(isReply).map((reply) => reply.session)).toEqual(Array.from({ length: 2 * PROCESSES }, () => replies[0]!.session));
    expect(new Set(late.filter(isReply).map((reply) => reply.pid)).size).toBe(PROCESSES);
    expect(mock.controls.calls('token:refresh_token')).toBe(1);
  }, 30_000);

  it('the lock holder SIGKILLed while its refresh is in flight: no session lost, another process completes the refresh', async () => {
    const group = fleet();
    const refreshesBefore = group.upstreamRefreshes.length;
    const cookie = await expiredSessionCookie();
    mock.controls.resetCounters();
    // The first refresh hangs upstream for longer than the lock lives: the holder is still waiting when killed.
    mock.controls.fail('token:refresh_token', { kind: 'delay', ms: LOCK_MS + 500 }, { times: 1 });

    const holder = group.nextUpstreamRefresh(10_000);
    const answers = burst(BURST, cookie);
    const { pid } = await holder;
    const victim = group.processes.find((app) => app.pid === pid)!;
    await victim.kill('SIGKILL');
    balancer.remove(victim.port);
    const settled = await answers;

    // The killed process's requests failed at the balancer (502); every other request was answered.
    const replies = settled.filter(isReply);
    expect(settled.filter((answer) => !isReply(answer)).every((answer) => 'status' in answer && answer.status === 502)).toBe(true);
    expect(replies.length).toBeGreaterThanOrEqual(BURST - BURST / PROCESSES);
    expect(replies.every((reply) => reply.authenticated && reply.refreshed && reply.pid !== pid)).toBe(true);
    const successor = replies[0]!;
    expect(new Set(replies.map((reply) => reply.refreshToken))).toEqual(new Set([successor.refreshToken]));
    // Another process refreshed after the holder died: the dead one's call plus one more, no stampede.
    const refreshers = group.upstreamRefreshes.slice(refreshesBefore);
    expect(refreshers[0]).toBe(pid);
    expect(refreshers.length).toBeGreaterThanOrEqual(2);
    expect(refreshers.slice(1).every((other) => other !== pid)).toBe(true);
    expect(mock.controls.calls('token:refresh_token')).toBeGreaterThanOrEqual(2);
    expect(mock.controls.calls('token:refresh_token')).toBeLessThanOrEqual(3);

    // A retry of the failed requests (the spent token) gets the same successor from a survivor.
    const retried = await burst(PROCESSES, cookie);
    expect(retried.filter(isReply).map((reply) => reply.refreshToken)).toEqual(Array.from({ length: PROCESSES }, () => successor.refreshToken));
    // The successor is a live session at the auth server: an hour later it refreshes in turn.
    mock.controls.clock.advance(LIFETIME + 5);
    const hourLater = await send(successor.cookie, { 'x-test-clock-offset': String(LIFETIME + 5) });
    mock.controls.clock.set(Date.now());
    expect(isReply(hourLater) && hourLater.authenticated && hourLater.refreshed && hourLater.refreshToken !== successor.refreshToken).toBe(true);
  }, 30_000);
});
