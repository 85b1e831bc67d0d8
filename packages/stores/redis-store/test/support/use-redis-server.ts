// One redis-server per test file: started before its tests, stopped after them, the stores and clients they made closed first.
import { afterAll, beforeAll } from 'vitest';
import { startRedisServer, type RedisServer } from './redis-server.js';

/** What `useRedisServer` hands a file: the server (inside tests) and the lists its stores and clients go in. */
export interface RedisServerFixture<Store, Client> {
  readonly redis: RedisServer;
  readonly stores: Store[];
  readonly clients: Client[];
}

/**
 * Registers the file's `beforeAll` / `afterAll`: a fresh redis-server, and at the end every store
 * pushed to `stores` closed and every client pushed to `clients` disconnected before it stops.
 *
 * @example
 * const fixture = useRedisServer<RedisRefreshStore, Redis>();
 * it('…', () => { fixture.clients.push(new Redis({ port: fixture.redis.port })); });
 */
export function useRedisServer<Store extends { close(): void }, Client extends { disconnect(): void }>(): RedisServerFixture<Store, Client> {
  let server: RedisServer | undefined;
  const stores: Store[] = [];
  const clients: Client[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const store of stores) store.close();
    for (const client of clients) client.disconnect();
    await server?.stop();
  });
  return {
    get redis(): RedisServer {
      if (server === undefined) throw new Error('the redis-server starts in beforeAll: use it inside a test');
      return server;
    },
    stores,
    clients,
  };
}
