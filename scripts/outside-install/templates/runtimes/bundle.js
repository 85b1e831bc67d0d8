// Bundles each entry into one ES module with esbuild. Workers load a single script; Bun and Deno
// could resolve node_modules themselves, but one bundle per runtime keeps the three runs alike.
import { build } from 'esbuild';

const common = { bundle: true, format: 'esm', target: 'es2022', outdir: 'dist', logLevel: 'warning' };
// workerd: the `workerd`/`worker` export conditions, no Node built-ins (no compatibility flag).
await build({ ...common, entryPoints: ['src/worker.ts'], platform: 'neutral', conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'] });
await build({ ...common, entryPoints: ['src/bun.ts'], platform: 'neutral', conditions: ['bun', 'worker', 'browser'], mainFields: ['module', 'main'] });
await build({ ...common, entryPoints: ['src/deno.ts'], platform: 'neutral', conditions: ['deno', 'worker', 'browser'], mainFields: ['module', 'main'] });
