import { defineConfig } from 'tsup';

export default defineConfig({
  // Three entries: the demos' server side, the stylesheet alone (it ends up in a browser bundle), and the e2e helpers.
  entry: ['src/index.ts', 'src/demo-styles.ts', 'src/testing.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2023',
  tsconfig: 'tsconfig.json',
  // vitest is the caller's: the e2e steps assert in the caller's run.
  external: ['vitest'],
});
