// Assembles one case's app in a fresh directory outside the workspace: the template, the case's
// overlay, and a package.json whose @lockstep/* entries point at the packed tarballs.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATES = join(import.meta.dirname, 'templates');

/**
 * Copies `templates/<template>` and then each `templates/<overlay>` over it, removes `remove`,
 * and rewrites package.json: every @lockstep/* dependency → `file:<tarball>`, the case's versions
 * applied, and every packed package pinned to its tarball for transitive uses too (npm `overrides`,
 * `pnpm.overrides`), so nothing is looked up on the registry under a @lockstep name.
 */
export function assembleApp(dir, testCase, tarballs) {
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(TEMPLATES, testCase.template), dir, { recursive: true });
  for (const overlay of testCase.overlays ?? []) cpSync(join(TEMPLATES, overlay), dir, { recursive: true });
  for (const path of testCase.remove ?? []) rmSync(join(dir, path), { force: true });

  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'devDependencies']) {
    const deps = manifest[field] ?? {};
    for (const [name, range] of Object.entries(testCase.versions ?? {})) if (name in deps) deps[name] = range;
    for (const name of Object.keys(deps)) {
      if (!name.startsWith('@lockstep/')) continue;
      const tarball = tarballs.get(name);
      if (tarball === undefined) throw new Error(`${testCase.template} needs ${name}, which is not a publishable package`);
      deps[name] = `file:${tarball}`;
    }
  }
  const pins = Object.fromEntries([...tarballs].map(([name, tarball]) => [name, `file:${tarball}`]));
  manifest.overrides = pins;
  // esbuild (Vite) verifies its binary in an install script; pnpm runs only the ones listed.
  manifest.pnpm = { overrides: pins, onlyBuiltDependencies: ['esbuild'] };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
