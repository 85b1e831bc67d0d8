#!/usr/bin/env node
// What each publishable package's tarball holds (`pnpm pack --dry-run --json`): a LICENSE, its dist,
// and no test code (tests, test-support helpers with dummy secrets, fixtures). Prints sizes; exits 1 on a finding.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGES = join(import.meta.dirname, '../packages');

/** Package directories: `packages/core`, and one level down in each group (`packages/adapters/hono`, …). */
function packageDirs() {
  const dirs = [];
  for (const name of readdirSync(PACKAGES).sort()) {
    if (existsSync(join(PACKAGES, name, 'package.json'))) dirs.push(name);
    else for (const inner of readdirSync(join(PACKAGES, name)).sort()) if (existsSync(join(PACKAGES, name, inner, 'package.json'))) dirs.push(`${name}/${inner}`);
  }
  return dirs;
}
const FORBIDDEN = [/(^|\/)test-support\//, /\.test\.tsx?$/, /(^|\/)test\//, /(^|\/)fixtures?\b/];

let failures = 0;
for (const dir of packageDirs()) {
  const manifest = JSON.parse(readFileSync(join(PACKAGES, dir, 'package.json'), 'utf8'));
  if (manifest.private === true) continue;
  const packed = JSON.parse(execFileSync('pnpm', ['pack', '--dry-run', '--json'], { cwd: join(PACKAGES, dir), encoding: 'utf8' }));
  const paths = packed.files.map((file) => file.path);
  const problems = [
    ...(paths.includes('LICENSE') ? [] : ['no LICENSE']),
    ...(paths.some((path) => path.startsWith('dist/')) ? [] : ['no dist/ (build first)']),
    ...paths.filter((path) => FORBIDDEN.some((pattern) => pattern.test(path))).map((path) => `test file shipped: ${path}`),
  ];
  const unpacked = paths.reduce((sum, path) => sum + statSync(join(PACKAGES, dir, path)).size, 0);
  console.log(`${manifest.name}: ${paths.length} files, ${(unpacked / 1024).toFixed(1)} kB unpacked${problems.length === 0 ? '' : ` — ${problems.join('; ')}`}`);
  failures += problems.length;
}
process.exit(failures === 0 ? 0 : 1);
