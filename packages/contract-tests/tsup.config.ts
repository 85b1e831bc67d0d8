import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2023',
  tsconfig: 'tsconfig.json',
  // vitest is the caller's: the suite registers its describe/it blocks in the caller's run.
  external: ['vitest'],
});
