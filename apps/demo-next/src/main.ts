// CLI entry (`pnpm --filter @lockstep/demo-next start`): builds what is missing, starts the demo,
// prints where it runs and how to sign in; Ctrl-C stops `next start` and the mock.
import { demoBanner, readEnv } from '@lockstep/demo-kit';
import { ensureBuilt } from './build-app.js';
import { startDemo, type RunningDemo } from './start-demo.js';

/** The app's own code also reads the public names (lockstep.config.ts), so the launcher accepts them too. */
const PUBLIC_NAMES = { SUPABASE_URL: 'NEXT_PUBLIC_SUPABASE_URL', SUPABASE_ANON_KEY: 'NEXT_PUBLIC_SUPABASE_ANON_KEY' };

let demo: RunningDemo;
try {
  const options = readEnv(process.env, { fallbacks: PUBLIC_NAMES });
  ensureBuilt((line) => console.log(line));
  demo = await startDemo({ ...options, nextOutput: 'inherit' });
} catch (error) {
  // Configuration mistakes, a busy port and build failures are the usual causes: the message says which.
  console.error(`Could not start the demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

console.log(demoBanner('Next.js', demo).join('\n'));

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
