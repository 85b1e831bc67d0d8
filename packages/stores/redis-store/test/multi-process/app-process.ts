// One app process of the multi-process tests and benchmark: Lockstep (core) and a refresh store behind node:http on a port the OS picks.
// Run as `node --conditions=@lockstep/source --import tsx app-process.ts`; configured by environment (see `AppProcessEnv`).
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Lockstep, LockstepEvent, Outcome, RefreshStore, RevocationOptions } from '@lockstep/core';
import { createMemoryRefreshStore } from '@lockstep/core/refresh';
import { createSupabaseLockstep } from '@lockstep/supabase';
import { Redis } from 'ioredis';
import { createRedisRefreshStore, createRedisRevocationStore } from '../../src/index.js';
import { capLockLifetime } from './cap-lock-lifetime.js';
import type { AppReply, ProcessEvent } from './protocol.js';

const env = process.env;
const report = (event: ProcessEvent): void => void process.stdout.write(`${JSON.stringify(event)}\n`);

// The parent holds our stdin open: when it goes away (even by SIGKILL), so do we.
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();

const redisPort = Number(env.LOCKSTEP_TEST_REDIS_PORT ?? '0');
const redis = redisPort > 0 ? new Redis({ host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: 1 }) : undefined;
redis?.on('error', () => undefined);
const baseStore: RefreshStore =
  redis === undefined
    ? createMemoryRefreshStore()
    : createRedisRefreshStore({
        client: redis,
        keyPrefix: env.LOCKSTEP_TEST_KEY_PREFIX ?? 'lockstep:',
        pollIntervalMs: Number(env.LOCKSTEP_TEST_POLL_MS ?? '200'),
        commandTimeoutMs: Number(env.LOCKSTEP_TEST_COMMAND_TIMEOUT_MS ?? '250'),
        // Code and operation only: a store error never carries a token.
        onError: (error) => report({ event: 'store-error', pid: process.pid, code: error.code, operation: error.operation }),
      });
const lockMs = Number(env.LOCKSTEP_TEST_LOCK_MS ?? '0');
const refreshStore = lockMs > 0 ? capLockLifetime(baseStore, lockMs / 1000) : baseStore;

// A request may carry a clock offset, to act "an hour later" without touching the auth server's clock.
const offset = new AsyncLocalStorage<number>();
const upstreamFetch: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.includes('grant_type=refresh_token')) report({ event: 'upstream-refresh', pid: process.pid });
  if (new URL(url).pathname.endsWith('/auth/v1/user')) report({ event: 'upstream-user', pid: process.pid });
  return fetch(input, init);
};
// `LOCKSTEP_TEST_REVOCATION=open|closed`: revocations shared through Redis with that store-error policy.
const revocationPolicy = env.LOCKSTEP_TEST_REVOCATION;
const revocation: RevocationOptions | undefined =
  redis !== undefined && (revocationPolicy === 'open' || revocationPolicy === 'closed')
    ? {
        onStoreError: revocationPolicy,
        store: createRedisRevocationStore({
          client: redis,
          keyPrefix: env.LOCKSTEP_TEST_KEY_PREFIX ?? 'lockstep:',
          retryIntervalMs: 200,
          onError: (error) => report({ event: 'store-error', pid: process.pid, code: error.code, operation: error.operation }),
        }),
      }
    : undefined;
const onEvent = (event: LockstepEvent): void => {
  if (event.type === 'revocation.store_unavailable') report({ event: 'revocation-status', pid: process.pid, status: 'unavailable' });
  if (event.type === 'revocation.store_available') report({ event: 'revocation-status', pid: process.pid, status: 'available' });
};
const lockstepWith = (store: RefreshStore, shared?: RevocationOptions): Lockstep =>
  createSupabaseLockstep(
    { supabaseUrl: env.LOCKSTEP_TEST_SUPABASE_URL ?? '', supabaseKey: env.LOCKSTEP_TEST_SUPABASE_KEY ?? '', routes: [{ match: '/', access: 'public' }], refreshStore: store, ...(shared === undefined ? {} : { revocation: shared, onEvent }) },
    { fetch: upstreamFetch, now: () => Date.now() / 1000 + (offset.getStore() ?? 0) },
  );
const lockstep = lockstepWith(refreshStore, revocation);
// `x-test-store: memory` picks an instance with this process's own memory store: the same processes
// then show what a fleet without a shared store does (the benchmark's comparison).
const isolated = lockstepWith(createMemoryRefreshStore());

const digest = (value: string): string => createHash('sha256').update(value).digest('base64url').slice(0, 16);

function replyOf(outcome: Outcome): AppReply {
  if (outcome.kind !== 'continue' || outcome.auth.kind !== 'authenticated') {
    return { pid: process.pid, authenticated: false, refreshed: false, session: '', refreshToken: '', cookie: '' };
  }
  const { session, refreshed } = outcome.auth;
  // Digests, not tokens: the test compares sessions; the cookie is what the next request sends.
  return { pid: process.pid, authenticated: true, refreshed, session: digest(`${session.accessToken} ${session.refreshToken}`), refreshToken: digest(session.refreshToken), cookie: outcome.requestCookieHeader };
}

/** `POST /__revoke` with `x-test-revoke-session` or `x-test-revoke-user`: the instance API an admin tool or a webhook calls. */
async function revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const sessionId = req.headers['x-test-revoke-session'];
  const userId = req.headers['x-test-revoke-user'];
  try {
    if (typeof sessionId === 'string') await lockstep.revokeSession(sessionId);
    else if (typeof userId === 'string') await lockstep.revokeUser(userId);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"revoked":true}');
  } catch (error) {
    res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ revoked: false, code: (error as { code?: string }).code ?? 'unknown' }));
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'POST' && req.url === '/__revoke') return revoke(req, res);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const request = new Request(`http://app.test${req.url ?? '/'}`, { headers });
  const shift = Number(req.headers['x-test-clock-offset'] ?? '0');
  const instance = req.headers['x-test-store'] === 'memory' ? isolated : lockstep;
  const outcome = await offset.run(Number.isFinite(shift) ? shift : 0, () => instance.handle(request));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(replyOf(outcome)));
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => res.writeHead(500).end('{}'));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  report({ event: 'listening', pid: process.pid, port: typeof address === 'object' && address !== null ? address.port : 0 });
});
