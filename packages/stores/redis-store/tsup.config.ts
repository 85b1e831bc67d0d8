import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

export default defineConfig({
  ...LIBRARY_BUILD,
  // Keep `node:crypto` as written: this package is Node-only and says so.
  removeNodeProtocol: false,
});
