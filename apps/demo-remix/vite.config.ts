// Vite builds the app; the Lockstep packages stay external and load from their TypeScript source at run time (tsx, vitest).
import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [reactRouter()],
  ssr: { external: ['@lockstep/core', '@lockstep/remix', '@lockstep/mock-auth'] },
});
