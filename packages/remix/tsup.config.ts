import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'v2/index': 'src/v2/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2023',
  tsconfig: 'tsconfig.build.json',
  external: ['react-router', '@remix-run/server-runtime'],
});
