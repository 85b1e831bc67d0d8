// The `lockstep` command: argument parsing and exit codes (0 clean, 1 findings, 2 usage or configuration error).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRoutes, formatCheck } from './check.js';
import { explainPath } from './explain.js';
import type { Framework } from './framework-variants.js';
import { ConfigError, findConfig, loadConfig } from './load-config.js';
import { policyFromConfig } from './policy-from-config.js';
import { scanNextApp } from './scan-next-app.js';
import { scanHonoApp } from './scan-hono-app.js';
import { scanReactRouterApp } from './scan-react-router-app.js';
import { sourceFiles } from './walk-files.js';

export interface CliIo {
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const USAGE = `Usage:
  lockstep explain <path|url> [--config <file>] [--framework next|react-router|hono] [--build-id <id>]
  lockstep check [<app dir>] [--config <file>] [--framework next|react-router|hono]

The options file is lockstep.config.ts (or .mts/.js/.mjs) in the app's directory: its default
export is the Lockstep options object (or a function returning it); only the route options are read.
Exit codes: 0 nothing found, 1 findings (a weaker variant, an unguarded route, …), 2 usage or configuration error.`;

/**
 * Runs the command and returns its exit code; never calls `process.exit` (the bin does).
 *
 * @example
 * process.exitCode = await main(['check', 'apps/web'], { cwd: process.cwd(), out: console.log, err: console.error });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [command, target] = positional;
  if (command === undefined || flags.has('help') || (command !== 'explain' && command !== 'check')) {
    (command === undefined || flags.has('help') ? io.out : io.err)(USAGE);
    return command === undefined || flags.has('help') ? 0 : 2;
  }
  const framework = flags.get('framework');
  if (framework !== undefined && !isAppFramework(framework)) {
    io.err(`--framework must be next, react-router or hono, not ${framework}.`);
    return 2;
  }
  try {
    if (command === 'explain') {
      if (target === undefined) {
        io.err('lockstep explain needs a path, e.g. lockstep explain /dashboard');
        return 2;
      }
      const options = await loadConfig(findConfig(io.cwd, flags.get('config')));
      const frameworks: Framework[] = framework === undefined ? ['next', 'react-router'] : framework === 'hono' ? [] : [framework];
      const buildId = flags.get('build-id');
      const basePath = typeof options.basePath === 'string' ? options.basePath : '';
      const report = explainPath(policyFromConfig(options, framework === undefined ? {} : ADAPTER_DEFAULTS[framework]), target, frameworks, { basePath, ...(buildId === undefined ? {} : { buildId }) });
      report.lines.forEach((line) => io.out(line));
      return report.weakVariants > 0 ? 1 : 0;
    }
    const root = resolve(io.cwd, target ?? '.');
    const kind = framework ?? detectFramework(root);
    if (kind === null) {
      io.err(`No Next.js app/ or pages/ directory, no React Router app/routes.ts and no Hono app in ${root}.`);
      return 2;
    }
    const options = await loadConfig(findConfig(root, flags.get('config')));
    const routes = kind === 'next' ? scanNextApp(root) : kind === 'hono' ? scanHonoApp(root) : await scanReactRouterApp(root);
    const rules = Array.isArray(options.routes) ? (options.routes as { access?: unknown }[]) : [];
    const report = checkRoutes(policyFromConfig(options, ADAPTER_DEFAULTS[kind]), routes, rules);
    formatCheck(report).forEach((line) => io.out(line));
    return report.findings.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_CONFIG'))) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}

/** The frameworks `check` reads. */
type AppFramework = Framework | 'hono';

/** How each adapter matches paths by default (the app's own options win): the table is checked as the app runs it. */
const ADAPTER_DEFAULTS: Record<AppFramework, { readonly caseSensitive?: boolean; readonly trailingSlash?: 'ignore' | 'strict' }> = {
  next: { caseSensitive: true },
  'react-router': {},
  hono: { caseSensitive: true, trailingSlash: 'strict' },
};

function isAppFramework(value: string): value is AppFramework {
  return value === 'next' || value === 'react-router' || value === 'hono';
}

/** A `hono` dependency without `next` or a React Router route config; else the directories; else a source file importing 'hono'. */
function detectFramework(root: string): AppFramework | null {
  if (existsSync(join(root, 'app/routes.ts')) || existsSync(join(root, 'app/routes.js'))) return 'react-router';
  const dependencies = packageDependencies(root);
  if (dependencies.has('hono') && !dependencies.has('next')) return 'hono';
  if (['app', 'pages', 'src/app', 'src/pages'].some((dir) => existsSync(join(root, dir)))) return 'next';
  if (sourceFiles(root).some((file) => /from\s*['"]hono['"]/.test(readFileSync(join(root, file), 'utf8')))) return 'hono';
  return null;
}

function packageDependencies(root: string): Set<string> {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: object; devDependencies?: object };
    return new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
  } catch {
    return new Set();
  }
}

function parseArgs(argv: readonly string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--help' || arg === '-h') flags.set('help', '');
    else if (arg.startsWith('--')) {
      const [name = '', inline] = arg.slice(2).split('=', 2);
      flags.set(name, inline ?? argv[++index] ?? '');
    } else positional.push(arg);
  }
  return { positional, flags };
}
