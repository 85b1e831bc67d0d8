// docs/runtimes.md shows the runtime app's files; this checks that each file it shows (a block file
// starting with `// src/<name>.ts`) is byte for byte the template CI runs, so the page cannot drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SHOWN = [{ page: 'docs/runtimes.md', template: 'scripts/outside-install/templates/runtimes' }];

/** Returns one message per shown file that differs from its template file (or none is shown). */
export function docsOutOfSync(repo) {
  const problems = [];
  for (const { page, template } of SHOWN) {
    const text = readFileSync(join(repo, page), 'utf8');
    const shown = [...text.matchAll(/^\/\/ (src\/[\w.-]+\.ts) /gm)].map((match) => match[1]);
    if (shown.length === 0) problems.push(`${page} shows no file of ${template}`);
    for (const path of shown) {
      const file = readFileSync(join(repo, template, path), 'utf8');
      if (!text.includes(file)) problems.push(`${page} shows ${path} differently from ${template}/${path}`);
    }
  }
  return problems;
}
