// Vite builds the app; the Lockstep packages stay external and load from their TypeScript source at run time (tsx, vitest).
// The server build leaves @lockstep/demo-kit/styles to Rollup as external, so it needs no dist of demo-kit; the browser
// bundle inlines that module from source through the @lockstep/source condition.
import { reactRouter } from '@react-router/dev/vite';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  plugins: [reactRouter()],
  resolve: { conditions: ['@lockstep/source', ...defaultClientConditions] },
  ssr: { external: ['@lockstep/core', '@lockstep/remix'] },
  environments: { ssr: { build: { rollupOptions: { external: ['@lockstep/demo-kit/styles'] } } } },
});
