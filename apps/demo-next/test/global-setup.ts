// Vitest globalSetup: `next build` of the app (and the @lockstep dist it imports), once per content hash.
import { ensureBuilt } from '../src/build-app.js';

export default function setup(): void {
  ensureBuilt((line) => console.log(`[demo-next] ${line}`));
}
