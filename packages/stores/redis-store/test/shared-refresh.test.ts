// The acceptance test: app instances sharing one Redis spend an expired session's refresh token once.
import { createMemoryRefreshStore } from '@lockstep/core/refresh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRefreshStore, type RedisRefreshStore } from '../src/index.js';
import { createAppFleet, LIFETIME, spread, tokensOf } from './support/app-instances.js';
import { HAS_REDIS, startRedisServer, type RedisServer } from './support/redis-server.js';

const INSTANCES = 3;
const REQUESTS = 100;

describe.runIf(HAS_REDIS)('several app instances on one Redis (DESIGN §3.4)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it(`${REQUESTS} concurrent requests over ${INSTANCES} instances with one expired session: 1 upstream refresh, ${REQUESTS} identical new sessions`, async () => {
    const stores: RedisRefreshStore[] = [];
    const errors: unknown[] = [];
    const fleet = await createAppFleet(INSTANCES, () => {
      // Separate clients and stores: nothing is shared but the Redis server.
      // A generous deadline: on a loaded machine a slow reply must not turn into a fallback refresh.
      const store = createRedisRefreshStore({ client: redis.client(), keyPrefix: 'shared:', commandTimeoutMs: 2000, onError: (error) => errors.push(error) });
      stores.push(store);
      return store;
    });
    const cookie = await fleet.signedInCookie();
    fleet.mock.controls.clock.advance(LIFETIME + 5);
    fleet.mock.controls.resetCounters();

    const outcomes = await spread(fleet, REQUESTS, cookie);

    expect(fleet.mock.controls.calls('token:refresh_token')).toBe(1);
    const tokens = outcomes.map(tokensOf);
    expect(tokens.every((value) => !value.startsWith('not '))).toBe(true);
    expect(new Set(tokens).size).toBe(1);
    expect(outcomes.every((outcome) => outcome.kind === 'continue' && outcome.auth.kind === 'authenticated' && outcome.auth.refreshed)).toBe(true);
    expect(errors).toEqual([]);

    // A request arriving later at any instance with the spent token gets the successor from Redis.
    fleet.mock.controls.clock.advance(5);
    const late = await fleet.apps[2]!.handle(fleet.request(cookie));
    expect(tokensOf(late)).toBe(tokens[0]);
    expect(fleet.mock.controls.calls('token:refresh_token')).toBe(1);
    for (const store of stores) store.close();
  });

  it('without it: the same load on instances with a memory store each spends the token once per instance (the reason this package exists)', async () => {
    const fleet = await createAppFleet(INSTANCES, () => createMemoryRefreshStore());
    const cookie = await fleet.signedInCookie();
    fleet.mock.controls.clock.advance(LIFETIME + 5);
    fleet.mock.controls.resetCounters();

    await spread(fleet, REQUESTS, cookie);

    expect(fleet.mock.controls.calls('token:refresh_token')).toBeGreaterThan(1);
  });
});
