// Lists an app's source files, skipping build output and dependencies.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.next', '.git', 'dist', 'build', '.react-router', '.turbo', 'coverage', 'out']);
export const SOURCE_FILE = /\.(?:tsx?|jsx?|mts|mjs)$/;

/** Source files under `dir`, as paths relative to it (with `/`), sorted. Missing directory: none. */
export function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  const visit = (relative: string): void => {
    let entries;
    try {
      entries = readdirSync(join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) visit(path);
      } else if (SOURCE_FILE.test(entry.name) && !/\.(?:test|spec)\.[a-z]+$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
    }
  };
  visit('');
  return found.sort();
}
