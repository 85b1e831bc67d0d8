// The build every package shares: ESM with declarations and source maps into a clean dist/.
import type { Options } from 'tsup';

/** A package's library build; each tsup.config.ts spreads it and adds only what differs. */
export const LIBRARY_BUILD = {
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2023',
  tsconfig: 'tsconfig.build.json',
} satisfies Options;
