// Vitest for the demo: workspace packages from source; the browser test gets room to start Chromium.
import { defineConfig } from 'vitest/config';

const conditions = ['@lockstep/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions: ['@lockstep/source'] },
  ssr: { resolve: { conditions, externalConditions: ['@lockstep/source'] } },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 30_000 },
});
