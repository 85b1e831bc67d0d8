// `pnpm --filter @lockstep/demo-next start`: builds what is missing, starts the embedded mock auth
// server (unless SUPABASE_URL/SUPABASE_ANON_KEY are set), then `next start` on PORT (default 3000).
/* global process, console */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const app = resolve(import.meta.dirname, '..');
const root = resolve(app, '../..');
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });

// The @lockstep packages this app imports, built by turbo (cached when unchanged).
run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@lockstep/demo-next^...', '--output-logs=errors-only'], root);
if (!existsSync(resolve(app, '.next/BUILD_ID'))) run(process.execPath, [resolve(app, 'node_modules/next/dist/bin/next'), 'build'], app);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
let mock;
if (env.SUPABASE_URL === undefined && env.NEXT_PUBLIC_SUPABASE_URL === undefined) {
  const { startMockAuth } = await import('@lockstep/mock-auth');
  const email = env.DEMO_EMAIL ?? 'demo@example.com';
  const password = env.DEMO_PASSWORD ?? 'lockstep-demo';
  mock = await startMockAuth({ tokenLifetimeSeconds: Number(env.MOCK_TOKEN_LIFETIME ?? 120), users: [{ email, password, userMetadata: { name: 'Demo User' } }] });
  env.SUPABASE_URL = mock.url;
  env.SUPABASE_ANON_KEY = mock.anonKey;
  console.log(`Embedded mock auth server at ${mock.url}. Demo user: ${email} / ${password}`);
}
const port = env.PORT ?? '3000';
const host = env.HOST ?? '127.0.0.1';
const next = spawn(process.execPath, [resolve(app, 'node_modules/next/dist/bin/next'), 'start', '-p', port, '-H', host], { cwd: app, env, stdio: 'inherit' });
const stop = () => next.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
next.on('exit', async (code) => {
  await mock?.stop();
  process.exit(code ?? 0);
});
