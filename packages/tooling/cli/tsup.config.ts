import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

export default defineConfig({
  ...LIBRARY_BUILD,
  entry: ['src/index.ts', 'src/cli.ts', 'src/react-router-routes-shim.ts'],
  // A Node tool: keep `node:` imports as written.
  removeNodeProtocol: false,
});
