// CLI entry: reads the environment, starts the demo, prints where it runs and how to sign in.
import { runDemoCli } from '@lockstep/demo-kit';
import { startDemo } from './start-demo.js';

await runDemoCli('Hono', startDemo);
