// Stand-ins for `@react-router/dev/routes` while the checker evaluates an app's `app/routes.ts`: the same
// helpers, building the same plain route entries, without needing the app's dependencies installed.

export interface RouteEntry {
  readonly path?: string;
  readonly index?: boolean;
  readonly file: string;
  readonly children?: readonly RouteEntry[];
}

type Options = { readonly id?: string; readonly caseSensitive?: boolean; readonly index?: boolean };

export function route(path: string | null | undefined, file: string, optionsOrChildren?: Options | readonly RouteEntry[], children?: readonly RouteEntry[]): RouteEntry {
  const nested = Array.isArray(optionsOrChildren) ? optionsOrChildren : children;
  return { ...(path === null || path === undefined ? {} : { path }), file, ...(nested === undefined ? {} : { children: nested as readonly RouteEntry[] }) };
}

export function index(file: string, _options?: Options): RouteEntry {
  return { index: true, file };
}

export function layout(file: string, optionsOrChildren?: Options | readonly RouteEntry[], children?: readonly RouteEntry[]): RouteEntry {
  const nested = Array.isArray(optionsOrChildren) ? optionsOrChildren : children;
  return { file, ...(nested === undefined ? {} : { children: nested as readonly RouteEntry[] }) };
}

export function prefix(prefixPath: string, routes: readonly RouteEntry[]): RouteEntry[] {
  return routes.map((entry) => (entry.index === true ? { ...entry, path: prefixPath } : { ...entry, path: entry.path === undefined ? prefixPath : `${prefixPath.replace(/\/$/, '')}/${entry.path}` }));
}

export function relative(directory: string) {
  const at = (file: string): string => `${directory.replace(/\/$/, '')}/${file}`;
  return {
    route: (path: string | null | undefined, file: string, optionsOrChildren?: Options | readonly RouteEntry[], children?: readonly RouteEntry[]) => route(path, at(file), optionsOrChildren, children),
    index: (file: string, options?: Options) => index(at(file), options),
    layout: (file: string, optionsOrChildren?: Options | readonly RouteEntry[], children?: readonly RouteEntry[]) => layout(at(file), optionsOrChildren, children),
    prefix,
  };
}

export function getAppDirectory(): string {
  return 'app';
}
