// `pnpm --filter @lockstep/demo-next build:app`: builds the app unless the last build is still current.
import { ensureBuilt } from './build-app.js';

console.log(ensureBuilt((line) => console.log(line)) === 'built' ? 'Built.' : 'Up to date.');
