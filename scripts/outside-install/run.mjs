#!/usr/bin/env node
// The outside-the-workspace check: packs every publishable package with pnpm, installs the tarballs
// into fresh apps in a temp directory outside the repository (npm and pnpm), builds each app with its
// framework's own build, starts it on 127.0.0.1 against the mock auth CLI and runs the HTTP smoke test.
// Prints a framework × package manager table; exits 1 when a case that ran failed. The next case installs
// while the current one builds; OUTSIDE_INSTALL_NPM_CACHE moves the npm cache (default node_modules/.cache/outside-install/npm).
//
//   node scripts/outside-install/run.mjs [--only <text>[,<text>…]] [--pm npm|pnpm] [--keep]
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assembleApp } from './app-dir.mjs';
import { docsOutOfSync } from './docs-in-sync.mjs';
import { runHostProbe } from './host-probe.mjs';
import { run, startApp } from './app-server.mjs';
import { FRAMEWORK_CASES, PACKAGE_MANAGERS, RUNTIME_CASES } from './cases.mjs';
import { startMockAuthCli } from './mock-auth.mjs';
import { packAll, publishablePackages } from './packages.mjs';
import { smoke } from './smoke.mjs';

const REPO = resolve(import.meta.dirname, '../..');
const { values: flags } = parseArgs({ options: { only: { type: 'string' }, pm: { type: 'string' }, keep: { type: 'boolean', default: false } } });

const work = realpathSync(mkdtempSync(join(tmpdir(), 'lockstep-outside-')));
if (work.startsWith(`${REPO}/`)) throw new Error(`the temp directory ${work} is inside the repository: set TMPDIR elsewhere`);
// One npm cache for every case (and every run on this machine); pnpm uses its global store.
const npmCache = process.env.OUTSIDE_INSTALL_NPM_CACHE ?? join(REPO, 'node_modules/.cache/outside-install/npm');
mkdirSync(npmCache, { recursive: true });
const env = cleanEnv({ npm_config_cache: npmCache, npm_config_update_notifier: 'false', NEXT_TELEMETRY_DISABLED: '1', CI: process.env.CI ?? '1' });

const drift = docsOutOfSync(REPO);
if (drift.length > 0) {
  console.error(`outside-install: ${drift.join('\n')}`);
  process.exit(1);
}

const started = Date.now();
const packages = publishablePackages(REPO);
const tarballs = packAll(packages, join(work, 'tarballs'));
console.log(`outside-install: packed ${packages.length} packages (${[...tarballs.keys()].join(', ')}) into ${work}/tarballs`);

const results = [];
const runnable = [];
for (const testCase of [...FRAMEWORK_CASES, ...RUNTIME_CASES]) {
  for (const pm of PACKAGE_MANAGERS) {
    const row = { case: testCase.name, pm: pm.name };
    results.push(row);
    const missing = testCase.requires.filter((name) => !tarballs.has(name));
    if (flags.only !== undefined && !flags.only.toLowerCase().split(',').some((text) => testCase.name.toLowerCase().includes(text.trim()))) Object.assign(row, { status: 'not run', detail: `--only ${flags.only}` });
    else if (flags.pm !== undefined && flags.pm !== pm.name) Object.assign(row, { status: 'not run', detail: `--pm ${flags.pm}` });
    else if (testCase.packageManagers !== undefined && !testCase.packageManagers.includes(pm.name)) Object.assign(row, { status: 'not run', detail: `checked with ${testCase.packageManagers.join(', ')} only (one install of the runtime binaries)` });
    else if (missing.length > 0) Object.assign(row, { status: 'not run', detail: `${missing.join(', ')} is not a publishable package in this checkout` });
    else runnable.push({ testCase, pm, row });
  }
}

/**
 * Installed and built apps by their inputs: cases that differ only in how the app is started share one.
 * The next case's install (network and disk) runs while the current case builds and runs (CPU).
 */
const apps = new Map();
for (const [index, item] of runnable.entries()) {
  const following = runnable[index + 1];
  if (following !== undefined) appFor(following.testCase, following.pm);
  await runCase(item.testCase, item.pm, item.row);
  console.log(`outside-install: ${item.row.case} / ${item.row.pm}: ${item.row.status}${item.row.detail ? ` — ${item.row.detail.split('\n')[0]}` : ''}`);
}

printTable(results);
console.log(`outside-install: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
if (!flags.keep) rmSync(work, { recursive: true, force: true });
else console.log(`outside-install: apps kept in ${work}`);
process.exit(results.some((row) => row.status === 'failed') ? 1 : 0);

/** The app of a case: assembled and installed at the first ask (the promise `installed`), built once (`built`). */
function appFor(testCase, pm) {
  const key = JSON.stringify([testCase.template, testCase.overlays, testCase.remove, testCase.versions, pm.name]);
  if (!apps.has(key)) {
    const entry = { dir: join(work, `${testCase.template}-${slug(testCase.name)}-${pm.name}`), times: {}, users: 0, built: null };
    entry.installed = (async () => {
      if (!existsSync(join(import.meta.dirname, 'templates', testCase.template))) throw new Error(`no template scripts/outside-install/templates/${testCase.template}`);
      assembleApp(entry.dir, testCase, tarballs);
      await timed(entry.times, 'install', () => run(pm.install[0], pm.install[1], { cwd: entry.dir, env, timeoutMs: 600_000 }));
    })();
    entry.installed.catch(() => {}); // awaited by the case itself
    apps.set(key, entry);
  }
  return apps.get(key);
}

async function runCase(testCase, pm, row) {
  const entry = appFor(testCase, pm);
  entry.users += 1;
  row.shared = entry.users > 1;
  const times = {};
  let mock = null;
  let app = null;
  try {
    await entry.installed;
    // Built without SUPABASE_*: options are read at the first request, as in a CI or Docker image build.
    entry.built ??= timed(entry.times, 'build', () => run(...pm.run('build'), { cwd: entry.dir, env, timeoutMs: 600_000 }));
    await entry.built;
    await timed(times, 'smoke', async () => {
      mock = await startMockAuthCli(REPO);
      app = await startApp(testCase.start.command, testCase.start.args, { cwd: entry.dir, env: appEnv(mock), readyPath: '/api/health' });
      row.observed = await smoke(app.origin, mock.url);
      await app.stop();
      app = null;
      if (testCase.hostProbe !== undefined) row.observed.hostProbe = await runHostProbe(testCase.hostProbe, { cwd: entry.dir, env: appEnv(mock) });
    });
    Object.assign(row, { status: 'ok' });
  } catch (error) {
    Object.assign(row, { status: 'failed', detail: error instanceof Error ? error.message : String(error) });
    if (app !== null) row.detail += `\n--- app output ---\n${app.output().split('\n').slice(-30).join('\n')}`;
  } finally {
    await app?.stop();
    await mock?.stop();
    row.times = row.shared ? times : { ...entry.times, ...times };
  }
}

async function timed(times, phase, action) {
  const t0 = Date.now();
  try {
    return await action();
  } finally {
    times[phase] = Math.round((Date.now() - t0) / 1000);
  }
}

function appEnv(mock) {
  return { ...env, SUPABASE_URL: mock.url, SUPABASE_ANON_KEY: mock.anonKey, PORT: '0', NODE_ENV: 'production' };
}

function printTable(rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log('\noutside-install results (framework × package manager)\n');
  console.log(line(['framework', 'pm', 'result', 'install s', 'build s', 'smoke s', 'detail']));
  console.log(line(['---', '---', '---', '---', '---', '---', '---']));
  for (const row of rows) {
    const t = row.times ?? {};
    const probe = row.observed?.hostProbe === undefined ? '' : `; pinned: ${row.observed.hostProbe}`;
    const detail = row.status === 'ok' ? `login Location ${row.observed.loginLocation}${probe}` : (row.detail ?? '').split('\n')[0];
    const shared = row.shared ? 'shared' : '';
    console.log(line([row.case, row.pm, row.status, t.install ?? shared, t.build ?? shared, t.smoke ?? '', detail]));
  }
  for (const row of rows.filter((r) => r.status === 'failed')) console.log(`\n--- ${row.case} / ${row.pm} failed ---\n${row.detail}`);
}

/** The environment minus what a surrounding `pnpm run` sets (npm_config_*, npm_lifecycle_*…), plus `extra`. */
function cleanEnv(extra) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|PNPM_|INIT_CWD$)/i.test(key)));
  return { ...clean, ...extra };
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
