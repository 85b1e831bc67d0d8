// workerd through Miniflare: the bundled Worker on 127.0.0.1 (any free port), the settings as
// bindings, no compatibility flags (so no Node APIs: the core is Web-standard).
import { Miniflare } from 'miniflare';

const mf = new Miniflare({
  modules: true,
  scriptPath: 'dist/worker.js',
  compatibilityDate: '2025-09-01',
  bindings: { SUPABASE_URL: process.env.SUPABASE_URL ?? '', SUPABASE_ANON_KEY: process.env.SUPABASE_ANON_KEY ?? '' },
  host: '127.0.0.1',
  port: 0,
});
const url = await mf.ready;
console.log(`listening on ${url.origin}`);
const stop = () => void mf.dispose().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
