import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript source: no prior build needed. Vitest runs tests in
// Vite's SSR environment, whose conditions are configured apart from the client's.
const conditions = ['@lockstep/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions: ['@lockstep/source'] },
  ssr: { resolve: { conditions, externalConditions: ['@lockstep/source'] } },
  // Ceilings, not waits: real redis-servers, clusters and app processes on a loaded 2-core runner
  // take seconds to start; every test awaits events, so a passing test never runs this long.
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
