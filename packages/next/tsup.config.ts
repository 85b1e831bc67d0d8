import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'server/index': 'src/server/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2023',
  tsconfig: 'tsconfig.build.json',
  // Next resolves its own modules (next/server, next/headers, next/navigation) in the app.
  external: ['next', /^next\//],
});
