import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

const ENTRIES = { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'playwright/index': 'src/playwright/index.ts' };

export default defineConfig({
  ...LIBRARY_BUILD,
  entry: { ...ENTRIES, cli: 'src/cli.ts' },
  dts: { entry: ENTRIES },
  platform: 'node',
  // An optional peer: the user's own copy, never bundled.
  external: ['@playwright/test'],
});
