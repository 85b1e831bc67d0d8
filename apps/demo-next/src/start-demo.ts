// Starts the whole demo: the auth backend (the embedded mock unless configured) in this process,
// and `next start` as a child process that reaches the mock over loopback.
import { startAuthBackend, type RunningDemo as SharedRunningDemo } from '@lockstep/demo-kit';
import type { RunningMockAuth } from '@lockstep/mock-auth';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CLOCK_FILE_ENV } from '../lib/clock-file.js';
import { APP_DIR, ensureBuilt, NEXT_BIN } from './build-app.js';
import { mirrorMockClock } from './clock-mirror.js';
import { DEMO_DEFAULTS, type DemoOptions } from './demo-options.js';

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
/** Variables of the parent that must not leak into the app in mock mode (they would point it elsewhere). */
const AUTH_ENV = ['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'NEXT_PUBLIC_SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_ANON_KEY', 'SUPABASE_JWT_SECRET', CLOCK_FILE_ENV, 'DEMO_LOGIN_HINT'];

/**
 * A running demo. In mock mode the mock's clock is the app's clock: `mock.controls.clock.advance(s)`
 * moves time for both. `close()` stops `next start` (SIGTERM, then SIGKILL after 5 s), then the mock.
 */
export interface RunningDemo extends SharedRunningDemo {
  /** Settles with the exit code when `next start` exits (on its own, or after `close()`). */
  readonly exited: Promise<number | null>;
}

/**
 * Starts the demo: builds the app when its sources changed (content hash), starts the embedded mock
 * with a seeded user unless `supabase` is given, then `next start` on `port`.
 *
 * @example
 * const demo = await startDemo({ port: 0, mock: { tokenLifetimeSeconds: 30 } });
 * console.log(demo.url, demo.demoUser);
 * await demo.close();
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  ensureBuilt();
  const host = options.host ?? DEMO_DEFAULTS.host;
  const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  for (const name of AUTH_ENV) delete env[name];

  // The embedded mock with its seeded user (or the configured project), then the mock's clock mirrored for the app.
  const backend = await startAuthBackend(options);
  let mock: RunningMockAuth | undefined;
  let stopMirror = (): void => {};
  const stopBackend = async (): Promise<void> => {
    stopMirror();
    await backend.close();
  };
  env.SUPABASE_URL = backend.supabaseUrl;
  env.SUPABASE_ANON_KEY = backend.supabaseKey;
  if (backend.jwtSecret !== undefined) env.SUPABASE_JWT_SECRET = backend.jwtSecret;
  if (backend.mock !== undefined) {
    try {
      const mirror = mirrorMockClock(backend.mock);
      mock = mirror.mock;
      stopMirror = mirror.stop;
      env[CLOCK_FILE_ENV] = mirror.path;
    } catch (error) {
      await stopBackend();
      throw error;
    }
  }
  const { demoUser, adminUser } = backend;
  // Shown on the login page; the password only exists in this process's mock.
  if (demoUser !== undefined) env.DEMO_LOGIN_HINT = `${demoUser.email} / ${demoUser.password}`;

  let child: ChildProcess | undefined;
  try {
    const port = options.port === 0 ? await freePort(host) : (options.port ?? DEMO_DEFAULTS.port);
    const capture = (options.nextOutput ?? 'capture') === 'capture';
    child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', host], { cwd: APP_DIR, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output: string[] = [];
    const keep = (chunk: Buffer): void => {
      output.push(chunk.toString());
      if (output.length > 200) output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    await waitUntilUp(url, exited, output);
    const running = child;
    return {
      url,
      ...(mock === undefined ? {} : { mock }),
      ...(demoUser === undefined ? {} : { demoUser }),
      ...(adminUser === undefined ? {} : { adminUser }),
      exited,
      async close() {
        await stopChild(running, exited);
        await stopBackend();
      },
    };
  } catch (error) {
    if (child !== undefined) await stopChild(child, new Promise((resolve) => child?.once('exit', resolve)));
    await stopBackend();
    throw error;
  }
}

async function waitUntilUp(url: string, exited: Promise<number | null>, output: readonly string[]): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`next start exited (${String(exitCode)}):\n${output.join('')}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`next start did not answer within ${START_TIMEOUT_MS / 1000} s:\n${output.join('')}`);
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
