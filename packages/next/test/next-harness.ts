// The contract harness for @lockstep/next: the fixture app under a real `next start` (built once by build-fixture.ts).
import type { AdapterHarness, HarnessContext, RunningApp } from '@lockstep/contract-tests';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE, NEXT_BIN } from './build-fixture.js';

/** A `next start` of the fixture, configured through its environment. */
export interface NextApp extends RunningApp {
  readonly port: number;
  /** Makes the app's Lockstep clock read `epochMs` (the fixture reads it from a file). */
  setClock(epochMs: number): Promise<void>;
}

/** Starts the fixture with `options` (JSON) and a test clock file the harness controls. */
export async function startNextFixture(options: object, extraEnv: Record<string, string> = {}): Promise<NextApp> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-next-'));
  const clockFile = join(dir, 'clock');
  writeFileSync(clockFile, String(Date.now()));
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: FIXTURE,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', LOCKSTEP_OPTIONS: JSON.stringify(options), LOCKSTEP_TEST_CLOCK_FILE: clockFile, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilUp(origin, child, output);
  return {
    origin,
    port,
    fetch: (request) => forward(agent, port, request),
    setClock(epochMs) {
      writeFileSync(clockFile, String(epochMs));
      return Promise.resolve();
    },
    async close() {
      agent.destroy();
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The contract harness: one `next start` per app the suite asks for. */
export const nextHarness: AdapterHarness = {
  name: '@lockstep/next (next start)',
  capabilities: { thrownErrorStatus: null, nextInternals: true, canonicalRedirects: true },
  start: (context: HarnessContext) => startNextFixture(context.lockstepOptions),
};

/** Sends the request over HTTP with its raw path (`//dashboard` stays as it is), keeping each Set-Cookie. */
async function forward(agent: Agent, port: number, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: request.method, path: url.pathname + url.search, headers, agent }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, item);
        }
        const status = incoming.statusCode ?? 500;
        const nullBody = status === 204 || status === 304 || request.method === 'HEAD';
        resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(origin: string, child: ChildProcess, output: readonly string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output.join('')}`);
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`next start did not answer within 30 s:\n${output.join('')}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
