import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../tsup.shared.js';

// One entry per public area (jose-style subpaths), each its own file in dist/.
export default defineConfig({
  ...LIBRARY_BUILD,
  entry: ['src/index.ts', 'src/routes/index.ts', 'src/cookies/index.ts', 'src/refresh/index.ts', 'src/verify/index.ts', 'src/provider/index.ts', 'src/adapter/index.ts', 'src/revocation/index.ts'],
});
