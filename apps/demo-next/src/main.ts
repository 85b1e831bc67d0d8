// CLI entry (`pnpm --filter @lockstep/demo-next start`): builds what is missing, starts the demo,
// prints where it runs and how to sign in; Ctrl-C stops `next start` and the mock.
import { ensureBuilt } from './build-app.js';
import { readEnv } from './read-env.js';
import { startDemo, type RunningDemo } from './start-demo.js';

let demo: RunningDemo;
try {
  const options = readEnv(process.env);
  ensureBuilt((line) => console.log(line));
  demo = await startDemo({ ...options, nextOutput: 'inherit' });
} catch (error) {
  // Configuration mistakes, a busy port and build failures are the usual causes: the message says which.
  console.error(`Could not start the demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const lines = [`Lockstep Next.js demo: ${demo.url}`];
if (demo.mock !== undefined && demo.demoUser !== undefined) {
  // The demo user's password is printed on purpose: it only exists in this process's mock server.
  lines.push(
    `Embedded mock auth server: ${demo.mock.url} (controls under ${demo.mock.url}/__mock)`,
    `Sign in as ${demo.demoUser.email} / ${demo.demoUser.password}`,
    `Access tokens live ${Math.round(demo.mock.controls.settings().tokenLifetimeSeconds)} s (MOCK_TOKEN_LIFETIME); watch the dashboard refresh them.`,
  );
} else {
  lines.push('Using the Supabase project from SUPABASE_URL.');
}
console.log(lines.join('\n'));

let stopping = false;
const stop = (code: number): void => {
  if (stopping) return;
  stopping = true;
  demo.close().then(
    () => process.exit(code),
    (error: unknown) => {
      console.error('Failed to stop cleanly:', error);
      process.exit(1);
    },
  );
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop(0));
// If `next start` dies on its own, stop the mock too and report it.
void demo.exited.then((code) => {
  if (stopping) return;
  console.error(`next start exited (${String(code)}); stopping the demo.`);
  stop(code === 0 ? 0 : 1);
});
