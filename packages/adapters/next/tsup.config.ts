import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

export default defineConfig({
  ...LIBRARY_BUILD,
  entry: { index: 'src/index.ts', 'server/index': 'src/server/index.ts' },
  // Next resolves its own modules (next/server, next/headers, next/navigation) in the app.
  external: ['next', /^next\//],
});
