// The contract harness for @lockstep/next: the fixture app under a real `next start` (built once by build-fixture.ts).
import type { AdapterCapabilities, AdapterHarness, HarnessContext, RunningApp } from '@lockstep/contract-tests';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NEXT15_BUILD, NEXT16_BUILD, type FixtureBuild } from './build-fixture.js';
import { TEST_CLOCK_HEADER } from './fixture-next15/lib/test-clock.js';

/** A `next start` of the fixture, configured through its environment (LOCKSTEP_OPTIONS: a `PortableSetup` as JSON). */
export interface NextApp extends RunningApp {
  readonly port: number;
  /** Makes the app's Lockstep clock read `epochMs` (the fixture reads it from a file). */
  setClock(epochMs: number): Promise<void>;
}

/**
 * Starts a build of the fixture (the Next 16 one unless told) with `options` (JSON) and a test clock file
 * the harness controls. For the Next 15 build two things differ (see NEXT15_HOST and TEST_CLOCK_HEADER).
 */
export async function startNextFixture(options: object, extraEnv: Record<string, string> = {}, build: FixtureBuild = NEXT16_BUILD): Promise<NextApp> {
  const next15 = build === NEXT15_BUILD;
  const host = next15 ? NEXT15_HOST : '127.0.0.1';
  const port = await freePort(host);
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-next-'));
  const clockFile = join(dir, 'clock');
  let clock = Date.now();
  writeFileSync(clockFile, String(clock));
  const child = spawn(process.execPath, [build.nextBin, 'start', '-p', String(port), '-H', host], {
    cwd: build.dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', LOCKSTEP_OPTIONS: JSON.stringify(options), LOCKSTEP_TEST_CLOCK_FILE: clockFile, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const origin = `http://${host}:${port}`;
  await waitUntilUp(origin, child, output);
  return {
    origin,
    port,
    // TEST ONLY: the Next 15 build's Edge middleware cannot read the clock file; it reads this header.
    fetch: (request) => forward(agent, host, port, request, next15 ? { [TEST_CLOCK_HEADER]: String(clock) } : {}),
    setClock(epochMs) {
      clock = epochMs;
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

/**
 * Next 15 serves as `localhost` (still loopback only). Its NextURL turns a loopback IP into `localhost`, so
 * under `-H 127.0.0.1` the middleware's `request.url` is `http://localhost:…` while the router's own URL is
 * `http://127.0.0.1:…`: Next 15 then leaves a same-host redirect absolute and on the other host name (Next 16
 * relativizes it in its adapter). That happens to every middleware redirect built from `request.url`, not
 * only Lockstep's; with the host names in agreement (as under a plain `next start`), Next 15 relativizes it.
 */
const NEXT15_HOST = 'localhost';

const CAPABILITIES: AdapterCapabilities = {
  thrownErrorStatus: null,
  nextInternals: true,
  canonicalRedirects: true,
  ownCacheControlRoute: true,
  // Next's action handler sets this after the proxy ran, on every Server Action response (15.5 and 16).
  serverActionCacheControl: 'no-cache, no-store, max-age=0, must-revalidate',
};

/** The contract harness: one `next start` per app the suite asks for. */
export const nextHarness: AdapterHarness = {
  name: '@lockstep/next (next start)',
  capabilities: CAPABILITIES,
  start: (context: HarnessContext) => startNextFixture(context.portableOptions),
};

/** The same app and capabilities on Next 15: `middleware.ts` on the Edge runtime, built with webpack. */
export const next15Harness: AdapterHarness = {
  name: '@lockstep/next on Next 15 (middleware.ts, Edge; next start)',
  capabilities: CAPABILITIES,
  start: (context: HarnessContext) => startNextFixture(context.portableOptions, {}, NEXT15_BUILD),
};

/** Sends the request over HTTP with its raw path (`//dashboard` stays as it is), keeping each Set-Cookie. */
async function forward(agent: Agent, host: string, port: number, request: Request, extraHeaders: Record<string, string>): Promise<Response> {
  const url = new URL(request.url);
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  Object.assign(headers, extraHeaders);
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host, port, method: request.method, path: url.pathname + url.search, headers, agent }, (incoming) => {
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

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
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
