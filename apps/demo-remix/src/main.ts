// CLI entry: reads the environment, starts the demo, prints where it runs and how to sign in.
import { readEnv } from './read-env.js';
import { startDemo, type RunningDemo } from './start-demo.js';

let demo: RunningDemo;
try {
  demo = await startDemo(readEnv(process.env));
} catch (error) {
  // Configuration mistakes and a busy port are the usual causes: the message says which, no stack needed.
  console.error(`Could not start the demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const lines = [`Lockstep React Router demo: ${demo.url}`];
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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Failed to stop cleanly:', error);
        process.exit(1);
      },
    );
  });
}
