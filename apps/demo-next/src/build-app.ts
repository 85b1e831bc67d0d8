// Builds what `next start` needs, once per content hash: the dist of the @lockstep packages the app
// imports (when older than their sources), then `next build` (when anything it consumes changed).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's directory. */
export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
export const NEXT_BIN = join(APP_DIR, 'node_modules/next/dist/bin/next');
const PACKAGES = ['core', 'providers/supabase', 'adapters/next', 'tooling/demo-kit'].map((name) => join(APP_DIR, '../../packages', name));
const STAMP = join(APP_DIR, '.next/lockstep-build-hash');
/** What `next build` reads from the app (the launcher in src/ and the tests are not part of the bundle). */
const APP_INPUTS = ['app', 'lib', 'proxy.ts', 'lockstep.config.ts', 'next.config.mjs', 'package.json', 'tsconfig.json'];
const SKIPPED = new Set(['node_modules', '.next', '.turbo']);

/**
 * Makes sure `.next` holds a production build of the current sources. Returns what it had to do.
 *
 * @example
 * ensureBuilt((line) => console.log(line));
 */
export function ensureBuilt(log: (line: string) => void = () => {}): 'up-to-date' | 'built' {
  for (const dir of PACKAGES) {
    if (distIsCurrent(dir)) continue;
    log(`Building ${relative(join(APP_DIR, '../..'), dir)} (tsup)…`);
    run(process.execPath, [tsupCli()], dir);
  }
  const hash = contentHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return 'up-to-date';
  log('Building the Next.js app (next build); this takes a minute or two the first time…');
  run(process.execPath, [NEXT_BIN, 'build'], APP_DIR);
  writeFileSync(STAMP, hash);
  return 'built';
}

function run(command: string, args: string[], cwd: string): void {
  try {
    execFileSync(command, args, { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${relative(APP_DIR, cwd) || '.'}: ${args.join(' ')} failed:\n${String(output.stdout ?? '')}${String(output.stderr ?? '')}`, { cause: error });
  }
}

function tsupCli(): string {
  return join(dirname(createRequire(import.meta.url).resolve('tsup')), 'cli-default.js');
}

/** A package's dist is current when it exists and is newer than every source and config file. */
function distIsCurrent(dir: string): boolean {
  const built = join(dir, 'dist/index.js');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  const newest = Math.max(...['package.json', 'tsup.config.ts', 'tsconfig.build.json'].map((f) => join(dir, f)).filter(existsSync).map((f) => statSync(f).mtimeMs), newestIn(join(dir, 'src')));
  return newest <= builtAt;
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = statSync(path);
    newest = Math.max(newest, stats.isDirectory() ? newestIn(path) : name.endsWith('.test.ts') ? 0 : stats.mtimeMs);
  }
  return newest;
}

/** Every input of `next build`: the app's files, the packages' dist, and the Next version. */
function contentHash(): string {
  const hash = createHash('sha256');
  const add = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!SKIPPED.has(name)) add(join(path, name));
    } else {
      hash.update(relative(APP_DIR, path)).update(readFileSync(path));
    }
  };
  for (const input of APP_INPUTS) add(join(APP_DIR, input));
  for (const dir of PACKAGES) add(join(dir, 'dist'));
  hash.update(readFileSync(join(APP_DIR, 'node_modules/next/package.json')));
  return hash.digest('hex');
}
