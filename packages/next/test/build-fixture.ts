// Vitest globalSetup: builds the packages the fixture consumes (dist) and the fixture (`next build`), once per content hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const CORE = join(PACKAGE, '../core');
export const FIXTURE = join(PACKAGE, 'test/fixture');
export const NEXT_BIN = join(PACKAGE, 'node_modules/next/dist/bin/next');
const TSUP = join(dirname(createRequire(import.meta.url).resolve('tsup')), 'cli-default.js');
const STAMP = join(FIXTURE, '.next/lockstep-build-hash');

/** Every input of the build: sources of core, adapter and fixture, the configs, and the Next version. */
function contentHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === '.next' || name === 'dist' || name.endsWith('.test.ts')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(PACKAGE, path)).update(readFileSync(path));
    }
  };
  for (const dir of [join(CORE, 'src'), join(PACKAGE, 'src'), FIXTURE]) walk(dir);
  for (const file of [join(CORE, 'package.json'), join(PACKAGE, 'package.json'), join(PACKAGE, 'node_modules/next/package.json')]) hash.update(readFileSync(file));
  return hash.digest('hex');
}

export function buildFixture(): void {
  const hash = contentHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return;
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const tsup = (cwd: string): void => {
    execFileSync(process.execPath, [TSUP], { cwd, env, stdio: 'pipe' });
  };
  tsup(CORE);
  tsup(PACKAGE);
  execFileSync(process.execPath, [NEXT_BIN, 'build'], { cwd: FIXTURE, env, stdio: 'pipe' });
  writeFileSync(STAMP, hash);
}

export default function setup(): void {
  buildFixture();
}
