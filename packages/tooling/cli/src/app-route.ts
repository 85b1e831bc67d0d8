// One route of an app, as the checker found it.

/** `page`: renders HTML; `layout`: wraps pages below; `handler`: a Route Handler / API route / resource route; `actions`: a 'use server' module. */
export type RouteKindName = 'page' | 'layout' | 'handler' | 'actions';

export interface AppRoute {
  readonly kind: RouteKindName;
  /** The URL path, dynamic segments filled with a sample (`/users/[id]` → `/users/_id_`); `null` for a 'use server' module (no URL of its own). */
  readonly path: string | null;
  /** The path as the framework writes it (`/users/[id]`), for the report. */
  readonly pattern: string;
  /** The file, relative to the app's root. */
  readonly file: string;
  readonly source: string;
  /**
   * Next.js pages and layouts: why the route renders statically (its own segment config or an
   * enclosing layout's: `dynamic = 'force-static'`, `revalidate = 60`, …), naming the file that says so.
   */
  readonly staticRendering?: string;
  /** Hono: why the route cannot be listed (a computed path or prefix); `path` is then `null`. */
  readonly unlistable?: string;
  /** Hono: a handler is defined where the scan cannot see it, so whether a guard runs is not known. */
  readonly guardUnknown?: boolean;
}
