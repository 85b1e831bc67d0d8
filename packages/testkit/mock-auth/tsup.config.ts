import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

const ENTRIES = { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'playwright/index': 'src/playwright/index.ts', 'vitest/index': 'src/vitest/index.ts' };

export default defineConfig({
  ...LIBRARY_BUILD,
  entry: { ...ENTRIES, cli: 'src/cli.ts' },
  dts: { entry: ENTRIES },
  platform: 'node',
  // Optional peers: the user's own copies, never bundled.
  external: ['@playwright/test', 'vitest'],
});
