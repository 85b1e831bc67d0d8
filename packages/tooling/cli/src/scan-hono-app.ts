// Lists a Hono app's routes from its source text: `app.get('/path', …)` and the other method calls,
// `app.on(method, path, …)`, `app.route('/prefix', sub)` (sub-apps in the same or an imported file),
// `new Hono().basePath('/x')`, and guards mounted with `app.use(pattern, requireUser())`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import type { AppRoute } from './app-route.js';
import { blankComments, callArguments, closing, stringValue, type CallArgument } from './js-source.js';
import { sourceFacts } from './source-facts.js';
import { sourceFiles } from './walk-files.js';

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'all', 'on', 'route', 'use'] as const;
type Method = (typeof METHODS)[number];
const CHAINED = new RegExp(`^\\s*\\.\\s*(${METHODS.join('|')})\\s*\\(`);

/** A call on a Hono instance, in source order. */
interface Registration {
  readonly method: Method;
  readonly args: readonly CallArgument[];
  readonly offset: number;
}

/** A Hono instance: `const <name> = new Hono()` in `file`. */
interface Instance {
  readonly key: string;
  readonly file: string;
  readonly name: string;
  readonly basePath: string;
  readonly calls: Registration[];
}

interface SourceFile {
  readonly file: string;
  readonly code: string;
  /** Local name → the instance key it stands for once imports are resolved (filled in a second pass). */
  readonly imports: Map<string, { readonly file: string; readonly exported: string }>;
  /** Exported name (`default` too) → local name. */
  readonly exports: Map<string, string>;
}

/**
 * Scans every source file under `root` and lists the routes reachable from the app's root instances
 * (those no other instance mounts). A path that is not a string literal cannot be listed: the route
 * is reported with `unlistable`. A route's `source` is the text of its handlers and of the guards
 * `use()`d before it on its path; `guardUnknown` when a handler is defined where the scan cannot
 * see it (an import, a factory).
 */
export function scanHonoApp(root: string): AppRoute[] {
  const files = new Map<string, SourceFile>();
  const instances = new Map<string, Instance>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    if (!/\bHono\b/.test(text) && !/\.route\s*\(|\.(get|post|put|delete|patch|all|on|use)\s*\(/.test(text)) continue;
    const code = blankComments(text);
    const source: SourceFile = { file, code, imports: readImports(code, file, root), exports: readExports(code) };
    files.set(file, source);
    for (const instance of readInstances(source)) instances.set(instance.key, instance);
  }
  const resolve = (file: string, local: string): Instance | undefined => {
    const own = instances.get(`${file}#${local}`);
    if (own !== undefined) return own;
    const imported = files.get(file)?.imports.get(local);
    if (imported === undefined) return undefined;
    const exportedLocal = files.get(imported.file)?.exports.get(imported.exported);
    return exportedLocal === undefined ? undefined : instances.get(`${imported.file}#${exportedLocal}`);
  };
  const mounted = new Set<string>();
  for (const instance of instances.values()) {
    for (const call of instance.calls) if (call.method === 'route') mounted.add(resolve(instance.file, call.args[1]?.text ?? '')?.key ?? '');
  }
  const routes: AppRoute[] = [];
  const visit = (instance: Instance, prefix: string, guards: readonly string[], seen: ReadonlySet<string>): void => {
    if (seen.has(instance.key)) return;
    const base = joinPath(prefix, instance.basePath);
    const code = files.get(instance.file)?.code ?? '';
    const ownGuards: { pattern: string; offset: number; text: string }[] = [];
    for (const call of instance.calls) {
      const where = `${instance.file}:${String(lineOf(code, call.offset))}`;
      if (call.method === 'use') {
        const pattern = stringValue(call.args[0]?.text ?? '');
        const handlers = pattern === null ? call.args : call.args.slice(1);
        const text = handlers.map((arg) => arg.text).join('\n');
        if (sourceFacts(text).callsGuard) ownGuards.push({ pattern: pattern ?? '*', offset: call.offset, text });
        continue;
      }
      const earlierGuards = (path: string): string[] => ownGuards.filter((guard) => guard.offset < call.offset && matches(guard.pattern, path)).map((guard) => guard.text);
      if (call.method === 'route') {
        const sub = resolve(instance.file, call.args[1]?.text ?? '');
        const subPrefix = stringValue(call.args[0]?.text ?? '');
        if (sub === undefined || subPrefix === null) {
          routes.push(unlistable(where, `route(${call.args.map((arg) => arg.text).join(', ')})`, sub === undefined ? 'sub-app not found in the source' : 'computed prefix'));
          continue;
        }
        visit(sub, joinPath(base, subPrefix), [...guards, ...earlierGuards(subPrefix === '' ? '/' : subPrefix)], new Set([...seen, instance.key]));
        continue;
      }
      const [pathArg, handlerArgs] = call.method === 'on' ? [call.args[1], call.args.slice(2)] : [call.args[0], call.args.slice(1)];
      const paths = pathsOf(pathArg?.text ?? '');
      const handler = handlerText(code, handlerArgs);
      if (paths === null || handlerArgs.length === 0) {
        routes.push({ ...unlistable(where, `${call.method}(${pathArg?.text ?? ''})`, 'computed path'), source: handler.text, ...(handler.known ? {} : { guardUnknown: true }) });
        continue;
      }
      for (const path of paths) {
        const full = joinPath(base, path);
        const source = [handler.text, ...guards, ...earlierGuards(path)].join('\n');
        routes.push({ kind: 'handler', ...samplePath(full), file: where, source, ...(handler.known || sourceFacts(source).callsGuard ? {} : { guardUnknown: true }) });
      }
    }
  };
  for (const instance of instances.values()) if (!mounted.has(instance.key)) visit(instance, '', [], new Set());
  return routes;
}

function unlistable(file: string, call: string, why: string): AppRoute {
  return { kind: 'handler', path: null, pattern: call.length > 60 ? `${call.slice(0, 59)}…` : call, file, source: '', unlistable: why };
}

/** `const app = new Hono()`, with an optional `.basePath('/x')`, and every call chained on it or made on its name. */
function readInstances(source: SourceFile): Instance[] {
  const found: Instance[] = [];
  const { code, file } = source;
  for (const match of code.matchAll(/(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*new\s+Hono\s*(?:<[^>(]*>)?\s*\(/g)) {
    const name = match[1] ?? '';
    let end = closing(code, (match.index ?? 0) + match[0].length - 1);
    let basePath = '';
    const based = /^\s*\.\s*basePath\s*\(/.exec(code.slice(end));
    if (based !== null) {
      const call = callArguments(code, end + based[0].length - 1);
      basePath = stringValue(call.args[0]?.text ?? '') ?? '';
      end = call.end;
    }
    const instance: Instance = { key: `${file}#${name}`, file, name, basePath, calls: [] };
    readChain(code, end, instance.calls);
    for (const call of code.matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?=\\s*\\.\\s*(?:${METHODS.join('|')})\\s*\\()`, 'g'))) {
      readChain(code, (call.index ?? 0) + name.length, instance.calls);
    }
    instance.calls.sort((a, b) => a.offset - b.offset);
    found.push(instance);
  }
  return found;
}

/** Reads `.get(…).post(…)…` starting at `from` into `calls`. */
function readChain(code: string, from: number, calls: Registration[]): void {
  let at = from;
  for (;;) {
    const next = CHAINED.exec(code.slice(at));
    if (next === null) return;
    const open = at + next[0].length - 1;
    const { args, end } = callArguments(code, open);
    calls.push({ method: next[1] as Method, args, offset: open });
    at = end;
  }
}

/** The paths of a path argument: a string literal, or an array of them (`on`); `null` when any is computed. */
function pathsOf(text: string): string[] | null {
  const single = stringValue(text);
  if (single !== null) return [single];
  if (!text.startsWith('[')) return null;
  const items = callArguments(`(${text.slice(1, -1)})`, 0).args.map((arg) => stringValue(arg.text));
  return items.length > 0 && items.every((item) => item !== null) ? (items as string[]) : null;
}

/**
 * The text of a route's handlers. An inline function or call is its own text; a bare name is
 * looked up as a function or const in the same file. `known` is false when one could not be seen.
 */
function handlerText(code: string, handlers: readonly CallArgument[]): { text: string; known: boolean } {
  let known = true;
  const texts = handlers.map((arg) => {
    if (!/^[\w$]+$/.test(arg.text)) return arg.text;
    const declared = new RegExp(`(?:function\\s*\\*?\\s*${arg.text}\\s*\\(|(?:const|let|var)\\s+${arg.text}\\s*(?::[^=]+)?=)`).exec(code);
    if (declared === null) {
      known = false;
      return '';
    }
    const body = code.indexOf('{', declared.index);
    const statementEnd = code.indexOf(';', declared.index);
    return body === -1 || (statementEnd !== -1 && statementEnd < body) ? code.slice(declared.index, statementEnd === -1 ? undefined : statementEnd) : code.slice(declared.index, closing(code, body));
  });
  return { text: texts.join('\n'), known };
}

/** Hono's `use` patterns: `*` everything, `/x/*` the prefix and below, else the path (`:param` one segment). */
function matches(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '/*') return true;
  if (pattern.endsWith('/*')) {
    const base = pattern.slice(0, -2);
    return path === base || path.startsWith(`${base}/`) || matches(base, path);
  }
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => segment.startsWith(':') || segment === got[i]);
}

/** Hono's own path merge: `/api` + `/` is `/api`, `/api` + `/users` is `/api/users`. */
function joinPath(prefix: string, path: string): string {
  if (path === '' || path === '/') return prefix === '' ? '/' : prefix;
  return `${prefix.replace(/\/$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** `:id` and `:id{[0-9]+}` → `_id_`, `*` → `_splat_`, optional `:lang?` left out. */
function samplePath(path: string): { path: string; pattern: string } {
  const sample = path
    .split('/')
    .filter((segment) => segment !== '' && !/^:[\w$]+\??(?:\{.*\})?\?$/.test(segment) && !segment.endsWith('?'))
    .map((segment) => (segment === '*' ? '_splat_' : segment.startsWith(':') ? `_${/^:([\w$]+)/.exec(segment)?.[1] ?? 'x'}_` : segment));
  return { path: `/${sample.join('/')}`, pattern: path };
}

function lineOf(code: string, offset: number): number {
  return code.slice(0, offset).split('\n').length;
}

/** `import x from './a'`, `import { a, b as c } from './a'`: local name → file (relative to root) and export name. */
function readImports(code: string, file: string, root: string): Map<string, { file: string; exported: string }> {
  const imports = new Map<string, { file: string; exported: string }>();
  for (const match of code.matchAll(/import\s+(?:type\s+)?([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?\s*from\s*(['"])(\.{1,2}\/[^'"]+)\3/g)) {
    const target = resolveModule(root, join(dirname(file), match[4] ?? ''));
    if (target === null) continue;
    if (match[1] !== undefined) imports.set(match[1], { file: target, exported: 'default' });
    for (const part of (match[2] ?? '').split(',')) {
      const [exported = '', local = exported] = part.trim().split(/\s+as\s+/);
      if (exported !== '') imports.set(local.trim(), { file: target, exported: exported.trim() });
    }
  }
  return imports;
}

/** `export default x`, `export const x = …`, `export { x, y as z }`: exported name → local name. */
function readExports(code: string): Map<string, string> {
  const exports = new Map<string, string>();
  for (const match of code.matchAll(/export\s+default\s+([\w$]+)\s*(?:;|$)/gm)) exports.set('default', match[1] ?? '');
  for (const match of code.matchAll(/export\s+(?:const|let|var)\s+([\w$]+)/g)) exports.set(match[1] ?? '', match[1] ?? '');
  for (const match of code.matchAll(/export\s*\{([^}]*)\}(?!\s*from)/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const [local = '', exported = local] = part.trim().split(/\s+as\s+/);
      if (local !== '') exports.set(exported.trim(), local.trim());
    }
  }
  return exports;
}

/** `./sub.js` → `src/sub.ts` (TypeScript's extension mapping), `./sub` → `sub.ts` or `sub/index.ts`. */
function resolveModule(root: string, specifier: string): string | null {
  const bare = normalize(specifier).replace(/\\/g, '/').replace(/\.(?:m?js|jsx)$/, '');
  for (const candidate of ['.ts', '.tsx', '.mts', '.js', '.mjs', '.jsx', '/index.ts', '/index.js'].map((ext) => bare + ext)) {
    if (existsSync(join(root, candidate))) return candidate;
  }
  return existsSync(join(root, specifier)) ? normalize(specifier).replace(/\\/g, '/') : null;
}
