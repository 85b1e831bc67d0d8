#!/usr/bin/env node
// Each framework adapter's size in lines of code, held to the issue-13 limit so shared mechanics go
// into the core instead of growing back in an adapter. Prints the count per adapter; exits 1 over the limit.
//
// A line of code is a line that holds at least one token of TypeScript (blank lines and lines that
// are only comments do not count; a comment after code does not make a line count twice). The
// TypeScript parser finds the tokens, so `//` inside a string or a regular expression is not a comment.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

export const LIMIT = 150;

const ADAPTERS = join(import.meta.dirname, '../packages/adapters');

/**
 * The adapters measured: each is the files its entries import (transitively, within the package),
 * so a file two entries share counts in both. `@lockstep/remix` holds two adapters for two
 * frameworks an app never combines (React Router with middleware; Remix v2 loaders, which have
 * none), each held to the limit on its own.
 */
export const MEASURED = [
  { name: '@lockstep/hono', package: 'hono', entries: ['src/index.ts'] },
  { name: '@lockstep/next', package: 'next', entries: ['src/index.ts', 'src/server/index.ts'] },
  { name: '@lockstep/remix (React Router)', package: 'remix', entries: ['src/index.ts'] },
  { name: '@lockstep/remix/v2 (Remix v2)', package: 'remix', entries: ['src/v2/index.ts'] },
  { name: '@lockstep/node', package: 'node', entries: ['src/index.ts', 'src/express.ts', 'src/fastify.ts'] },
];

/** The lines of code of one TypeScript source text. */
export function linesOfCode(text, fileName = 'file.ts') {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = new Set();
  const visit = (node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(source);
    if (children.length > 0) {
      children.forEach(visit);
      return;
    }
    if (node.kind === ts.SyntaxKind.EndOfFileToken) return;
    const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
    const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
    for (let line = first; line <= last; line += 1) lines.add(line);
  };
  visit(source);
  return lines.size;
}

/** The package's own source files an entry imports, itself included (relative imports only: `./x.js` is `./x.ts`). */
function closure(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = ts.createSourceFile(entry, readFileSync(entry, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  for (const statement of source.statements) {
    const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    const target = join(dirname(entry), specifier.text.replace(/\.js$/, '.ts'));
    if (!existsSync(target)) throw new Error(`${relative(ADAPTERS, entry)} imports ${specifier.text}, which is no .ts file`);
    closure(target, seen);
  }
  return seen;
}

/** Every source file of a package's `src/` (tests and declaration files excluded). */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Each measured adapter's lines of code, and per file; throws when a package has a source file no measured entry imports. */
export function adapterSizes() {
  const reached = new Set();
  const sizes = MEASURED.map(({ name, package: pkg, entries }) => {
    const files = new Set();
    for (const entry of entries) closure(join(ADAPTERS, pkg, entry), files);
    files.forEach((path) => reached.add(path));
    const measured = [...files].sort().map((path) => ({ path: relative(ADAPTERS, path), lines: linesOfCode(readFileSync(path, 'utf8'), path) }));
    return { name, lines: measured.reduce((sum, file) => sum + file.lines, 0), files: measured };
  });
  const unmeasured = [...new Set(MEASURED.map(({ package: pkg }) => pkg))].flatMap((pkg) => sourceFiles(join(ADAPTERS, pkg, 'src'))).filter((path) => !reached.has(path));
  if (unmeasured.length > 0) throw new Error(`Source files no measured entry imports: ${unmeasured.map((path) => relative(ADAPTERS, path)).join(', ')}`);
  return sizes;
}

/** A sample whose count is known by hand, so a broken counter fails here instead of passing every adapter. */
const SAMPLE = [
  '// a comment line',
  '/**',
  ' * JSDoc',
  ' */',
  '',
  "import { a } from './a.js'; // code with a comment: 1",
  "const url = 'http://x/*not a comment*/'; // 2",
  'const text = `line one // not a comment', // 3
  'line two`;', // 4
  '/* block */ export function f(): void {', // 5
  '  /* only a comment */',
  '}', // 6
].join('\n');

if (process.argv[1] === import.meta.filename) {
  if (linesOfCode(SAMPLE) !== 6) throw new Error(`The line counter is broken: ${linesOfCode(SAMPLE)} lines of code in a sample of 6.`);
  const sizes = adapterSizes();
  for (const { name, lines, files } of sizes) {
    console.log(`${name}: ${lines} lines of code${lines > LIMIT ? ` — over the limit of ${LIMIT}` : ''}`);
    if (process.argv.includes('--files')) for (const file of files) console.log(`  ${file.path}: ${file.lines}`);
  }
  process.exit(sizes.every(({ lines }) => lines <= LIMIT) ? 0 : 1);
}
