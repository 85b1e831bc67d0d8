// Vitest globalSetup: builds the packages the fixture consumes (dist) and the fixture (`next build`), once per
// content hash, twice: with Next 16 (`proxy.ts`, Turbopack) and with Next 15 (`middleware.ts`, Edge, webpack).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const CORE = join(PACKAGE, '../../core');
/** The providers the fixture runs on (LOCKSTEP_OPTIONS picks one): built to dist like the core. */
const PROVIDERS = [join(PACKAGE, '../../providers/supabase'), join(PACKAGE, '../../providers/token-backend')];
export const FIXTURE = join(PACKAGE, 'test/fixture');
export const NEXT_BIN = join(PACKAGE, 'node_modules/next/dist/bin/next');
const TSUP = join(dirname(createRequire(import.meta.url).resolve('tsup')), 'cli-default.js');

/** The files that make the Next 15 build differ from the fixture (copied over it). */
const NEXT15_OVERLAY = join(PACKAGE, 'test/fixture-next15');
/** The `next15` devDependency (`npm:next@15.5.x`). */
const NEXT15_PACKAGE = join(PACKAGE, 'node_modules/next15');

/** One build of the fixture app: where it is and which Next builds and starts it. */
export interface FixtureBuild {
  readonly dir: string;
  readonly nextBin: string;
}

/** The fixture as committed: `proxy.ts`, built by the package's Next 16. */
export const NEXT16_BUILD: FixtureBuild = { dir: FIXTURE, nextBin: NEXT_BIN };

/**
 * The same app built by Next 15, assembled here (git-ignored, like every `.next/`):
 * the fixture's `proxy.ts` copied to `middleware.ts` unchanged, plus the files of test/fixture-next15.
 */
export const NEXT15_BUILD: FixtureBuild = { dir: join(PACKAGE, 'test/.next/fixture-next15'), nextBin: join(NEXT15_PACKAGE, 'dist/bin/next') };

/** Every input of a build: the sources of core, adapter and app, the configs, and the Next version. */
function contentHash(dirs: readonly string[], files: readonly string[]): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === '.next' || name === 'dist' || name.endsWith('.test.ts')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(PACKAGE, path)).update(readFileSync(path));
    }
  };
  for (const dir of dirs) walk(dir);
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex');
}

const SOURCES = [join(CORE, 'src'), ...PROVIDERS.map((dir) => join(dir, 'src')), join(PACKAGE, 'src'), FIXTURE];
const MANIFESTS = [join(CORE, 'package.json'), ...PROVIDERS.map((dir) => join(dir, 'package.json')), join(PACKAGE, 'package.json')];

const HASHES = new Map<FixtureBuild, () => string>([
  [NEXT16_BUILD, () => contentHash(SOURCES, [...MANIFESTS, join(PACKAGE, 'node_modules/next/package.json')])],
  // This file too: it decides how the Next 15 app is assembled.
  [NEXT15_BUILD, () => contentHash([...SOURCES, NEXT15_OVERLAY], [...MANIFESTS, join(NEXT15_PACKAGE, 'package.json'), fileURLToPath(import.meta.url)])],
]);

const stampOf = (build: FixtureBuild): string => join(build.dir, '.next/lockstep-build-hash');

/** The Next 15 app: a fresh copy of the fixture with `middleware.ts` for `proxy.ts`, the overlay, and `next` → next15. */
function assembleNext15(): void {
  const dir = NEXT15_BUILD.dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const skipped = new Set(['.next', 'node_modules', '.gitignore', 'next-env.d.ts', 'next.config.mjs', 'proxy.ts']);
  cpSync(FIXTURE, dir, { recursive: true, filter: (source) => source === FIXTURE || !skipped.has(basename(source)) });
  // Same file, other name: Next 15 only knows `middleware.ts` (Edge by default); Next 16 calls it `proxy.ts`.
  copyFileSync(join(FIXTURE, 'proxy.ts'), join(dir, 'middleware.ts'));
  cpSync(NEXT15_OVERLAY, dir, { recursive: true });
  // The fixture's tsconfig extends the package's by a relative path; this copy sits one level deeper.
  const tsconfig = JSON.parse(readFileSync(join(FIXTURE, 'tsconfig.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...tsconfig, extends: relative(dir, join(PACKAGE, 'tsconfig.json')) }, null, 2));
  // `next` resolves to Next 15 from the app, at build time and under `next start` (externals are required at run time).
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(realpathSync(NEXT15_PACKAGE), join(dir, 'node_modules/next'), 'dir');
}

/**
 * The build's environment: the run-time settings removed, as in a CI or Docker image build. The
 * fixture's env-based module (lib/env-auth.ts) then only builds if options are read lazily (issue #17).
 */
export function buildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept = Object.entries(env).filter(([name]) => !name.startsWith('SUPABASE_') && !name.startsWith('LOCKSTEP_'));
  return { ...Object.fromEntries(kept), NEXT_TELEMETRY_DISABLED: '1' };
}

function run(args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, env: buildEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`${args.map((arg) => basename(arg)).join(' ')} failed in ${relative(PACKAGE, cwd) || '.'}:\n${stdout}${stderr}`, { cause: error }));
    });
  });
}

export async function buildFixtures(): Promise<void> {
  const stale = [...HASHES].map(([build, hashOf]) => ({ build, hash: hashOf() })).filter(({ build, hash }) => !existsSync(stampOf(build)) || readFileSync(stampOf(build), 'utf8') !== hash);
  if (stale.length === 0) return;
  await run([TSUP], CORE);
  for (const provider of PROVIDERS) await run([TSUP], provider);
  await run([TSUP], PACKAGE);
  if (stale.some(({ build }) => build === NEXT15_BUILD)) assembleNext15();
  // The two `next build`s share nothing but dist: run them side by side.
  await Promise.all(
    stale.map(async ({ build, hash }) => {
      await run([build.nextBin, 'build'], build.dir);
      writeFileSync(stampOf(build), hash);
    }),
  );
}

export default async function setup(): Promise<void> {
  await buildFixtures();
}
