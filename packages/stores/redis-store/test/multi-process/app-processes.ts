// Spawns app processes (separate OS processes on ports the OS picks), follows their stdout events, kills them.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ProcessEvent } from './protocol.js';

const ENTRY = fileURLToPath(new URL('./app-process.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** What every app process is told (becomes its `LOCKSTEP_TEST_*` environment). */
export interface AppProcessConfig {
  readonly supabaseUrl: string;
  readonly supabaseKey: string;
  /** The shared Redis; without it each process has its own memory store. */
  readonly redisPort?: number;
  readonly keyPrefix?: string;
  readonly pollIntervalMs?: number;
  /** Caps the refresh lock's lifetime (ms), so a killed holder's lock expires quickly. */
  readonly lockMs?: number;
  /**
   * The store's `commandTimeoutMs`. The harness uses 2000 (not the 250 default): on a loaded
   * 2-core machine a slow reply would otherwise turn into a fallback refresh and blur the counts.
   */
  readonly commandTimeoutMs?: number;
  /** Revocations shared through the Redis with this store-error policy; without it, each process's own memory. */
  readonly revocation?: 'open' | 'closed';
}

export interface AppProcess {
  readonly pid: number;
  readonly port: number;
  /** Resolves when the process exits (after `kill`, or by itself). */
  readonly exited: Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface AppProcessGroup {
  readonly processes: readonly AppProcess[];
  /** Resolves with the next `upstream-refresh` event from any process (bounded by `timeoutMs`). */
  nextUpstreamRefresh(timeoutMs: number): Promise<{ pid: number }>;
  /** Every `upstream-refresh` event so far, by pid. */
  readonly upstreamRefreshes: readonly number[];
  /** Every `store-error` event so far (`<code> <operation>`). */
  readonly storeErrors: readonly string[];
  /** Every `upstream-user` event so far, by pid. */
  readonly upstreamUsers: readonly number[];
  /** Every `revocation-status` event so far (`<pid> <status>`). */
  readonly revocationStatuses: readonly string[];
  /** Kills every process still running and waits for them. */
  stop(): Promise<void>;
}

// Processes still running when the test worker exits are killed with it (their stdin also closes).
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `count` app processes in parallel and resolves once each has reported the port the OS gave it (bounded: 60 s). */
export async function startAppProcesses(count: number, config: AppProcessConfig): Promise<AppProcessGroup> {
  const upstreamRefreshes: number[] = [];
  const storeErrors: string[] = [];
  const upstreamUsers: number[] = [];
  const revocationStatuses: string[] = [];
  const refreshWaiters: ((event: { pid: number }) => void)[] = [];
  const onEvent = (event: ProcessEvent): void => {
    if (event.event === 'store-error') storeErrors.push(`${event.code} ${event.operation}`);
    if (event.event === 'upstream-user') upstreamUsers.push(event.pid);
    if (event.event === 'revocation-status') revocationStatuses.push(`${event.pid} ${event.status}`);
    if (event.event !== 'upstream-refresh') return;
    upstreamRefreshes.push(event.pid);
    for (const wake of refreshWaiters.splice(0)) wake(event);
  };
  const started = await Promise.allSettled(Array.from({ length: count }, () => startOne(config, onEvent)));
  const processes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(processes.map((app) => app.kill('SIGKILL')));
  };
  const failure = started.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await stop();
    throw failure.reason;
  }
  return {
    processes,
    upstreamRefreshes,
    storeErrors,
    upstreamUsers,
    revocationStatuses,
    nextUpstreamRefresh: (timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no upstream refresh within ${timeoutMs} ms`)), timeoutMs);
        refreshWaiters.push((event) => {
          clearTimeout(timer);
          resolve(event);
        });
      }),
    stop,
  };
}

function startOne(config: AppProcessConfig, onEvent: (event: ProcessEvent) => void): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--conditions=@lockstep/source', '--import', 'tsx', ENTRY], {
    cwd: PACKAGE_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LOCKSTEP_TEST_SUPABASE_URL: config.supabaseUrl,
      LOCKSTEP_TEST_SUPABASE_KEY: config.supabaseKey,
      LOCKSTEP_TEST_REDIS_PORT: String(config.redisPort ?? 0),
      LOCKSTEP_TEST_KEY_PREFIX: config.keyPrefix ?? 'lockstep:',
      LOCKSTEP_TEST_POLL_MS: String(config.pollIntervalMs ?? 200),
      LOCKSTEP_TEST_LOCK_MS: String(config.lockMs ?? 0),
      LOCKSTEP_TEST_COMMAND_TIMEOUT_MS: String(config.commandTimeoutMs ?? 2000),
      LOCKSTEP_TEST_REVOCATION: config.revocation ?? '',
    },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    // A ceiling on the "listening" event, not a wait: tsx compiling four processes on a loaded
    // 2-core runner can take well over 20 s.
    const timer = setTimeout(() => {
      void kill();
      reject(new Error(`app process did not listen within 60 s:\n${stderr}`));
    }, 60_000);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`app process exited before listening:\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let event: ProcessEvent;
      try {
        event = JSON.parse(line) as ProcessEvent;
      } catch {
        return;
      }
      if (event.event === 'listening') {
        clearTimeout(timer);
        resolve({ pid: event.pid, port: event.port, exited, kill });
      } else onEvent(event);
    });
  });
}
