import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2023',
  // Keep `node:crypto` as written: this package is Node-only and says so.
  removeNodeProtocol: false,
  tsconfig: 'tsconfig.build.json',
});
