// Starts the mock auth server's CLI (the workspace's build) on a free port with one seeded user.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { once } from 'node:events';

export const SMOKE_USER = { email: 'outside@example.com', password: 'outside-password' };

/** Resolves to `{ url, anonKey, stop() }` once the CLI printed its URL and keys. */
export async function startMockAuthCli(repo) {
  const bin = join(repo, 'packages/testkit/mock-auth/bin/lockstep-mock-auth.js');
  const child = spawn(process.execPath, [bin, '--port', '0', '--user', `${SMOKE_USER.email}:${SMOKE_USER.password}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /API URL:\s+(\S+)/.exec(output)?.[1];
      const anonKey = /anon key:\s+(\S+)/.exec(output)?.[1];
      if (url !== undefined && anonKey !== undefined) resolve({ url, anonKey });
    });
    child.once('exit', (code) => reject(new Error(`mock auth CLI exited (${code}) before it was ready:\n${output}`)));
  });
  const { url, anonKey } = await ready;
  return {
    url,
    anonKey,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** The mock's test controls over HTTP (`/__mock`). */
export function mockControls(url) {
  const call = async (method, path, body) => {
    const response = await fetch(`${url}/__mock${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`mock control ${method} ${path}: ${response.status}`);
    return response.status === 204 ? null : response.json();
  };
  return {
    advanceClock: (seconds) => call('POST', '/clock/advance', { seconds }),
    /** How often the mock answered `endpoint` (its counter name, e.g. `token:refresh_token`, `jwks`). */
    calls: async (endpoint) => {
      const calls = await call('GET', `/calls?endpoint=${encodeURIComponent(endpoint)}`);
      const count = calls[endpoint];
      if (typeof count !== 'number') throw new Error(`mock control GET /calls: no count for ${endpoint}`);
      return count;
    },
  };
}
