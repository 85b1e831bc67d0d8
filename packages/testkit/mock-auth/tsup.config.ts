import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

export default defineConfig({
  ...LIBRARY_BUILD,
  entry: ['src/index.ts', 'src/cli.ts'],
  dts: { entry: 'src/index.ts' },
  platform: 'node',
});
