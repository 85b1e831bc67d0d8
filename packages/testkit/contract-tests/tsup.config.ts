import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

export default defineConfig({
  ...LIBRARY_BUILD,
  // vitest is the caller's: the suite registers its describe/it blocks in the caller's run.
  external: ['vitest'],
});
