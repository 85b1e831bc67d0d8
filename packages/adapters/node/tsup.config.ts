import { defineConfig } from 'tsup';
import { LIBRARY_BUILD } from '../../../tsup.shared.js';

export default defineConfig({
  ...LIBRARY_BUILD,
  entry: ['src/index.ts', 'src/express.ts', 'src/fastify.ts'],
});
