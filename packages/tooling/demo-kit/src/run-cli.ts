// CLI entry of a demo: reads the environment, starts the demo, prints where it runs and how to sign in, stops on a signal.
import type { RunningDemo } from './launch-demo.js';
import type { DemoOptions } from './demo-options.js';
import { readEnv } from './read-env.js';

/**
 * The lines printed once the demo runs: its URL and, in mock mode, the mock, the demo user's
 * credentials and the token lifetime.
 *
 * @example
 * console.log(demoBanner('Hono', demo).join('\n'));
 */
export function demoBanner(title: string, demo: RunningDemo): string[] {
  const lines = [`Lockstep ${title} demo: ${demo.url}`];
  if (demo.mock !== undefined && demo.demoUser !== undefined) {
    // The demo user's password is printed on purpose: it only exists in this process's mock server.
    lines.push(
      `Embedded mock auth server: ${demo.mock.url} (controls under ${demo.mock.url}/__mock)`,
      `Sign in as ${demo.demoUser.email} / ${demo.demoUser.password}`,
      ...(demo.adminUser === undefined ? [] : [`or as ${demo.adminUser.email} / ${demo.adminUser.password} (role admin: opens /admin/staff)`]),
      `Access tokens live ${Math.round(demo.mock.controls.settings().tokenLifetimeSeconds)} s (MOCK_TOKEN_LIFETIME); watch the dashboard refresh them.`,
    );
  } else {
    lines.push('Using the Supabase project from SUPABASE_URL.');
  }
  return lines;
}

/**
 * Runs a demo from the command line: `start(readEnv(process.env))`, the banner on stdout, and
 * SIGINT/SIGTERM close the demo and exit. A failed start prints its message and exits with 1.
 *
 * @example
 * // src/main.ts
 * await runDemoCli('Hono', startDemo);
 */
export async function runDemoCli<D extends RunningDemo>(title: string, start: (options: DemoOptions) => Promise<D>): Promise<D> {
  let demo: D;
  try {
    demo = await start(readEnv(process.env));
  } catch (error) {
    // Configuration mistakes and a busy port are the usual causes: the message says which, no stack needed.
    console.error(`Could not start the demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(demoBanner(title, demo).join('\n'));
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
  return demo;
}
