import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

export default defineConfig({
  ...LIBRARY_BUILD,
  entry: { index: 'src/index.ts', 'v2/index': 'src/v2/index.ts' },
  external: ['react-router', '@remix-run/server-runtime'],
});
