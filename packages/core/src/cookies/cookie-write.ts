// The cookie plan: the Set-Cookie writes of one request, computed once and applied by the adapter.
import { serializeSetCookie } from './cookie-codec.js';
import { LockstepError } from '../errors.js';
import { NO_STORE_HEADERS } from './no-store.js';
import { formatRequestCookieHeader, type RequestCookie } from './request-cookies.js';

/** Attributes of a cookie write, resolved from `CookieOptions` (see `resolveCookieAttributes`). */
export interface CookieAttributes {
  readonly path: string;
  /** Absent: a host-only cookie. */
  readonly domain?: string;
  readonly sameSite: 'lax' | 'strict' | 'none';
  readonly secure: boolean;
  readonly httpOnly: boolean;
  /** Seconds; `0` deletes the cookie. */
  readonly maxAge: number;
}

/** One `Set-Cookie`. A deletion has `value: ''` and `attributes.maxAge: 0`. */
export interface CookieWrite {
  readonly name: string;
  readonly value: string;
  readonly attributes: CookieAttributes;
}

/** Everything an adapter needs to apply the cookie changes of one request. */
export interface CookiePlan {
  /** Only changed values, and deletions of cookies the request carries; in application order. */
  readonly writes: readonly CookieWrite[];
  /** One serialized `Set-Cookie` value per write, same order. Append each; never comma-join. */
  readonly setCookie: readonly string[];
  /** `NO_STORE_HEADERS` when `writes` is non-empty, else `[]`. */
  readonly headers: readonly (readonly [string, string])[];
  /**
   * The `Cookie` header downstream code must see: the request's cookies with the writes applied,
   * deleted ones removed, the rest in their order (first of duplicate names only; values
   * re-encoded as `formatRequestCookieHeader` does). With no writes an adapter may just keep the
   * original header.
   */
  readonly requestCookieHeader: string;
}

/** Whether a write deletes its cookie (`Max-Age=0`), whatever its value. */
export function isCookieDeletion(write: CookieWrite): boolean {
  return write.attributes.maxAge <= 0;
}

/**
 * Turns the desired writes into the plan for one request. Writes are merged and deduplicated
 * against the request, the way `@supabase/ssr` 0.12.1+ does (#246, duplicate Set-Cookie blew
 * CloudFront's header limit in #144), so any number of producers can contribute:
 *
 * - several writes to the same cookie (name + domain + path): the last one wins;
 * - a value equal to what the request already carries is not written again;
 * - a deletion is kept only if the request carries a cookie of that name.
 *
 * Throws `LockstepError('ERR_CONFIG_COOKIE')` when a name, domain or path cannot be serialized
 * (a configuration error); the message names the cookie, never its value.
 *
 * @example
 * const cookies = parseRequestCookies(request.headers.get('cookie'));
 * const plan = createCookiePlan(cookies, planSessionWrite(cookies, key, session, attributes));
 * for (const value of plan.setCookie) response.headers.append('Set-Cookie', value);
 */
export function createCookiePlan(
  requestCookies: readonly RequestCookie[],
  writes: readonly CookieWrite[],
): CookiePlan {
  if (writes.length === 0) return unchangedPlan(requestCookies);
  const requestValues = new Map<string, string>();
  for (const { name, value } of requestCookies) {
    if (!requestValues.has(name)) requestValues.set(name, value); // first wins, as the parser
  }

  const merged = new Map<string, CookieWrite>();
  for (const write of writes) {
    const scope = `${write.name}\u0000${write.attributes.domain ?? ''}\u0000${write.attributes.path}`;
    merged.delete(scope); // re-insert so the surviving write takes the position of the last one
    merged.set(scope, write);
  }
  const effective = [...merged.values()].filter((write) =>
    isCookieDeletion(write)
      ? requestValues.has(write.name)
      : requestValues.get(write.name) !== write.value,
  );

  const downstream = new Map(requestValues);
  for (const write of effective) {
    if (isCookieDeletion(write)) downstream.delete(write.name);
    else downstream.set(write.name, write.value);
  }

  return Object.freeze({
    writes: Object.freeze(effective),
    setCookie: Object.freeze(effective.map(toSetCookie)),
    headers: effective.length > 0 ? NO_STORE_HEADERS : Object.freeze([]),
    requestCookieHeader: formatRequestCookieHeader(
      [...downstream].map(([name, value]) => ({ name, value })),
    ),
  });
}

const NOTHING = Object.freeze([]) as readonly never[];

/**
 * The plan of a request that writes nothing (nearly every request): shared empty lists, and the
 * downstream `Cookie` header rendered only if someone reads it (adapters keep the browser's own
 * header when there are no writes, so on the hot path it never is). A class, not an object with an
 * accessor, so every instance shares one shape and the getter lives on the prototype.
 */
class UnchangedPlan implements CookiePlan {
  readonly writes = NOTHING;
  readonly setCookie = NOTHING;
  readonly headers = NOTHING;
  readonly #cookies: readonly RequestCookie[];
  #header: string | undefined;

  constructor(cookies: readonly RequestCookie[]) {
    this.#cookies = cookies;
    Object.freeze(this); // private fields stay writable: the memo below still works
  }

  get requestCookieHeader(): string {
    this.#header ??= formatRequestCookieHeader(firstOfEachName(this.#cookies));
    return this.#header;
  }
}

function unchangedPlan(requestCookies: readonly RequestCookie[]): CookiePlan {
  return new UnchangedPlan(requestCookies);
}

function firstOfEachName(cookies: readonly RequestCookie[]): RequestCookie[] {
  const seen = new Set<string>();
  const first: RequestCookie[] = [];
  for (const { name, value } of cookies) {
    if (seen.has(name)) continue; // first wins, as the parser
    seen.add(name);
    first.push({ name, value });
  }
  return first;
}

function toSetCookie({ name, value, attributes }: CookieWrite): string {
  const deletion = attributes.maxAge <= 0;
  try {
    return serializeSetCookie(name, deletion ? '' : value, {
      path: attributes.path,
      domain: attributes.domain,
      sameSite: attributes.sameSite,
      secure: attributes.secure,
      httpOnly: attributes.httpOnly,
      maxAge: deletion ? 0 : attributes.maxAge,
    });
  } catch (cause) {
    // cookie@1 rejects bad names, domains and paths; values are always URI-encoded first, so the
    // cause never quotes a cookie value.
    throw new LockstepError(
      'ERR_CONFIG_COOKIE',
      `Cookie "${name}" cannot be serialized: check its name and the cookie path/domain options`,
      { cause },
    );
  }
}
