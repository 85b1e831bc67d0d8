import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript source: no prior build needed. Vitest runs tests in
// Vite's SSR environment, whose conditions are configured apart from the client's.
const conditions = ['@lockstep/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions: ['@lockstep/source'] },
  ssr: { resolve: { conditions, externalConditions: ['@lockstep/source'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
