import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@lockstep/source'] },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 20_000 },
});
