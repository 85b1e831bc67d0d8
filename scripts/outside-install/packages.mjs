// The publishable packages (every package.json under packages/ without "private": true), packed with
// `pnpm pack` the way they would be published: `workspace:` ranges rewritten, `files` applied.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every package.json under `root`, at any depth, outside node_modules and build output. */
function manifests(root) {
  const found = [];
  const walk = (dir) => {
    if (existsSync(join(dir, 'package.json'))) found.push(dir);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || ['node_modules', 'dist', 'test', 'src', '.next', '.turbo'].includes(entry.name)) continue;
      walk(join(dir, entry.name));
    }
  };
  walk(root);
  return found.sort();
}

/** `{ name, version, dir }` of each publishable package. New packages appear here without a change. */
export function publishablePackages(repo) {
  return manifests(join(repo, 'packages'))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true && typeof manifest.name === 'string')
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir }));
}

/** Packs each package into `destination`; returns a map name → absolute tarball path. */
export function packAll(packages, destination) {
  const tarballs = new Map();
  for (const pkg of packages) {
    if (!existsSync(join(pkg.dir, 'dist'))) throw new Error(`${pkg.name} has no dist/: build first (pnpm run build)`);
    const out = execFileSync('pnpm', ['pack', '--json', '--pack-destination', destination], { cwd: pkg.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const filename = JSON.parse(out.slice(out.indexOf('{'))).filename;
    tarballs.set(pkg.name, filename.startsWith('/') ? filename : join(destination, filename));
  }
  return tarballs;
}
