// Parses a request once into the small record every decision reads (STYLE §2).
import { LockstepError } from '../errors.js';

/** What the core accepts: a Web `Request`, or anything with the same three fields. */
export type RequestLike = Request | { readonly url: string | URL; readonly method: string; readonly headers: Headers | HeadersInit };

/** The request as plain data. `headers` is a private copy: changing it never affects the caller. */
export interface RequestRecord {
  readonly url: URL;
  /** Upper-case HTTP method. */
  readonly method: string;
  readonly headers: Headers;
}

/**
 * Reads the URL, method and headers of a request once.
 *
 * @example
 * const record = toRequestRecord(new Request('https://app.test/dashboard'));
 * record.url.pathname; // '/dashboard'
 */
export function toRequestRecord(input: RequestLike): RequestRecord {
  const { url, method } = readUrlAndMethod(input);
  return { url, method, headers: new Headers(input.headers) };
}

/**
 * `toRequestRecord` without the header copy (a copy costs more than everything else the middleware
 * does on a cached session): `headers` is the caller's own object. Only for code that reads every
 * header before its first `await`, so the caller cannot change them in between.
 *
 * @example
 * const record = borrowRequestRecord(request); // record.headers === request.headers
 */
export function borrowRequestRecord(input: RequestLike): RequestRecord {
  const { url, method } = readUrlAndMethod(input);
  return { url, method, headers: input.headers instanceof Headers ? input.headers : new Headers(input.headers) };
}

function readUrlAndMethod(input: RequestLike): { url: URL; method: string } {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch (cause) {
    // Only a caller building the object form by hand can get here; Request URLs are always absolute.
    throw new LockstepError('ERR_REQUEST_INVALID', 'The request URL must be absolute (scheme and host)', { cause });
  }
  return { url, method: input.method.toUpperCase() };
}
