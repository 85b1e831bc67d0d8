// Applies a cookie plan through a framework's cookie store, for code that cannot set headers (Next's Server Actions).
import type { CookieWrite } from '../cookies/cookie-write.js';

/** The options a cookie store's `set` takes for one cookie (the `cookie` package's names, which the stores share). */
export interface CookieStoreOptions {
  path: string;
  domain?: string;
  sameSite: 'lax' | 'strict' | 'none';
  secure: boolean;
  httpOnly: boolean;
  /** Seconds; `0` deletes the cookie. */
  maxAge: number;
}

/** A framework's cookie store: Next's `cookies()`, and the `cookies` of SvelteKit and Astro, have this shape. */
export interface CookieStore {
  set(name: string, value: string, options: CookieStoreOptions): unknown;
}

/**
 * Writes each cookie of a plan through the store, in order (deletions are `Max-Age=0` writes). Only
 * the plan's own attributes are passed on, copied: a provider's write object may carry more.
 *
 * @example
 * writeCookies(await cookies(), result.redirect.cookies.writes); // a Next Server Action
 */
export function writeCookies(store: CookieStore, writes: readonly CookieWrite[]): void {
  for (const { name, value, attributes } of writes) {
    store.set(name, value, {
      path: attributes.path,
      ...(attributes.domain === undefined ? {} : { domain: attributes.domain }),
      sameSite: attributes.sameSite,
      secure: attributes.secure,
      httpOnly: attributes.httpOnly,
      maxAge: attributes.maxAge,
    });
  }
}
