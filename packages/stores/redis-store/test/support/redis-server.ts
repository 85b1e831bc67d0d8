// Starts a real, throwaway redis-server on a free loopback port for a test file, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';

/** The redis-server binary: `$REDIS_SERVER`, else the first on `PATH`, else Debian's path. */
export const REDIS_SERVER_BINARY: string | undefined = findBinary('REDIS_SERVER', 'redis-server');

/** redis-cli (Debian's redis-tools, a dependency of redis-server): `$REDIS_CLI`, else `PATH`, else Debian's path. */
export const REDIS_CLI_BINARY: string | undefined = findBinary('REDIS_CLI', 'redis-cli');

/**
 * Whether the real-Redis suites run. In CI a missing binary is a failure, never a skip:
 * `scripts/ensure-redis.sh` installs it.
 */
export const HAS_REDIS = REDIS_SERVER_BINARY !== undefined && REDIS_CLI_BINARY !== undefined;
if (!HAS_REDIS && process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
  throw new Error('redis-server or redis-cli not found: run packages/stores/redis-store/scripts/ensure-redis.sh (CI must not skip the Redis tests)');
}

export interface RedisServer {
  readonly port: number;
  /** A new client to this server; the caller disconnects it (or `stop` does). */
  client(options?: RedisOptions): Redis;
  /** Stops the server (SIGTERM, then waits for exit) and disconnects the clients made here. */
  stop(): Promise<void>;
}

/** Starts `redis-server --port N --bind 127.0.0.1 --save '' --appendonly no` on a free port and waits until it answers. */
export async function startRedisServer(): Promise<RedisServer> {
  const { port, child } = await launchOnFreePort((free) => launchRedisServer(free));
  const clients = new Set<Redis>();
  let exited: Promise<void> | undefined;
  return {
    port,
    client(options = {}) {
      const client = new Redis({ host: '127.0.0.1', port, ...options });
      // The tests stop servers under connected clients on purpose; the store reports what matters.
      client.on('error', () => undefined);
      clients.add(client);
      return client;
    },
    stop() {
      exited ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }).then(() => {
        for (const client of clients) client.disconnect();
      });
      return exited;
    },
  };
}

/** Flags every test server gets: loopback only, nothing written to disk unless asked. */
const BASE_FLAGS = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'];

// Servers still running when the test worker exits (a failed setup, a crash) are killed with it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Spawns redis-server on `port` with the base flags and `extra` (later flags win), in `cwd`, and
 * resolves once it accepts connections on that port (checked against the port its log reports);
 * it is killed when the test worker exits.
 */
export async function launchRedisServer(port: number, extra: readonly string[] = [], cwd?: string): Promise<ChildProcess> {
  if (REDIS_SERVER_BINARY === undefined) throw new Error('redis-server not found');
  const child = spawn(REDIS_SERVER_BINARY, ['--port', String(port), ...BASE_FLAGS, ...extra], { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const reported = await waitUntilReady(child);
  if (reported !== port) {
    child.kill('SIGKILL');
    throw new Error(`redis-server reported port ${reported ?? 'none'}, asked for ${port}`);
  }
  return child;
}

/** Thrown when a server could not bind the port it was given (someone took it after `freePort`). */
export class PortTakenError extends Error {}

/**
 * Runs `launch` on a port from `freePort`, again on a new one (up to 5 times) if that port was
 * taken in between. redis-server cannot be asked to bind port 0 (`--port 0` means "no TCP
 * listener"), so the OS picks the port first and the small window before redis-server binds it is
 * covered by retrying, never by a fixed port.
 */
export async function launchOnFreePort<T>(launch: (port: number) => Promise<T>, attempts = 5): Promise<{ port: number; child: T }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      return { port, child: await launch(port) };
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= attempts) throw error;
    }
  }
}

/** A loopback port nothing listens on (taken from the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves with the TCP port redis-server's log says it listens on, once it accepts connections. */
function waitUntilReady(child: ChildProcess): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    let output = '';
    // A ceiling on the "ready" line (event-driven: the server's own log), generous for a loaded machine.
    const timer = setTimeout(() => fail(new Error(`redis-server did not start within 15 s:\n${output}`)), 15_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const exitedEarly = (code: number | null): void => {
      const message = `redis-server exited with ${code}:\n${output}`;
      fail(/Address already in use/.test(output) ? new PortTakenError(message) : new Error(message));
    };
    child.once('error', fail);
    child.once('exit', exitedEarly);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.off('exit', exitedEarly);
        // The log line (`Running mode=standalone, port=N.`), or the logo's `Port: N` on a terminal.
        const port = /Running mode=\w+, port=(\d+)\./.exec(output)?.[1] ?? /Port: (\d+)/.exec(output)?.[1];
        resolve(port === undefined ? undefined : Number(port));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
}

function findBinary(variable: string, name: string): string | undefined {
  const configured = process.env[variable];
  if (configured !== undefined && configured !== '') return existsSync(configured) ? configured : undefined;
  const candidates = [...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, name)), `/usr/bin/${name}`, `/usr/sbin/${name}`];
  return candidates.find((candidate) => existsSync(candidate));
}
