import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

export default defineConfig({
  ...LIBRARY_BUILD,
  // The demos' server side; the stylesheet (it ends up in a browser bundle), the route table and the event log, each
  // alone and free of Node imports (a Next app bundles them into its proxy); the MFA page's server parts; and the e2e helpers.
  entry: ['src/index.ts', 'src/demo-styles.ts', 'src/demo-routes.ts', 'src/events.ts', 'src/assurance.ts', 'src/testing.ts'],
  tsconfig: 'tsconfig.json',
  // vitest is the caller's: the e2e steps assert in the caller's run.
  external: ['vitest'],
});
