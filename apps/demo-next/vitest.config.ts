// Vitest for the demo: the launcher imports workspace packages from source; the app itself is a real
// `next build` (made once per content hash by test/global-setup.ts) under `next start`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@lockstep/source'] },
  ssr: { resolve: { conditions: ['@lockstep/source', 'module', 'node', 'development|production'], externalConditions: ['@lockstep/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // One `next start` at a time: the machine has 2 cores and the e2e test counts refreshes exactly.
    fileParallelism: false,
  },
});
