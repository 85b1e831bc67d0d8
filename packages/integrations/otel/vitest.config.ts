import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript source: no prior build needed. Vitest runs tests in
// Vite's SSR environment, whose conditions are configured apart from the client's. No `module`
// condition here (unlike the other packages): @opentelemetry/api 1.9's `module` build imports files
// without extensions, which Node cannot load; Node itself picks its CommonJS build, as apps do.
const conditions = ['@lockstep/source', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions: ['@lockstep/source'] },
  ssr: { resolve: { conditions, externalConditions: ['@lockstep/source'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
