// Loads the app's `lockstep.config.{ts,mts,js,mjs}`: its default export is the options (or a function returning them).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createJiti } from 'jiti';

export const CONFIG_FILES = ['lockstep.config.ts', 'lockstep.config.mts', 'lockstep.config.js', 'lockstep.config.mjs'] as const;

/** The route-related options the CLI reads; everything else in the file (URLs, keys, hooks) is ignored. */
export interface RouteOptions {
  readonly routes?: unknown;
  readonly verify?: unknown;
  readonly loginPath?: unknown;
  readonly callbackPath?: unknown;
  readonly basePath?: unknown;
  readonly trailingSlash?: unknown;
  readonly caseSensitive?: unknown;
  readonly apiRoutes?: unknown;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The config file in `dir` (or the one given), or a clear error naming what was looked for. */
export function findConfig(dir: string, explicit?: string): string {
  if (explicit !== undefined) {
    const path = resolve(dir, explicit);
    if (!existsSync(path)) throw new ConfigError(`Config file not found: ${path}`);
    return path;
  }
  for (const name of CONFIG_FILES) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new ConfigError(`No ${CONFIG_FILES.join(' / ')} in ${dir} (or pass --config <file>).`);
}

/**
 * Imports the file with jiti, which compiles TypeScript in memory without a build step or a
 * global loader hook, so a `.ts` config works with any Node ≥ 22. The file runs as code: it is
 * the app's own, trusted like its `next.config.ts`.
 */
export async function loadConfig(path: string): Promise<RouteOptions> {
  const jiti = createJiti(import.meta.url, { moduleCache: false });
  let loaded: unknown;
  try {
    loaded = await jiti.import(path, { default: true });
  } catch (error) {
    throw new ConfigError(`Could not load ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const options = typeof loaded === 'function' ? await (loaded as () => unknown)() : loaded;
  if (typeof options !== 'object' || options === null) throw new ConfigError(`${path} must default-export the Lockstep options object (or a function returning it).`);
  return options as RouteOptions;
}
