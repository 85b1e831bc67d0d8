// The request headers code after the middleware must see, as changes: the session's `Cookie` header
// after a refresh (DESIGN §3.7), and the request's correlation id for the server guards.
import type { ContinueOutcome } from '../outcome.js';
import { REQUEST_ID_HEADER } from '../trace/request-trace.js';

/** One request header to set (`value`) or remove (`null`), name in lower case. */
export type HeaderChange = readonly [name: string, value: string | null];

/**
 * What to change in the request headers (`current`) before the app sees them; empty when nothing
 * (the common case, tracing off): the request then goes on as it came.
 *
 * - `cookie`: set to the rewritten header when the core wrote cookies (removed when none is left).
 * - `lockstep-request-id`: set to the outcome's id when tracing is on; a client-sent one is
 *   replaced, and removed when tracing is off, so a guard never reports under a label the client
 *   chose for a request the middleware saw. (The id is a label only: nothing is decided on it.)
 *
 * @example
 * const changes = downstreamChanges(request.headers, outcome);
 * if (changes.length > 0) request = new Request(request, { headers: withChanges(request.headers, changes) });
 */
export function downstreamChanges(current: Headers, outcome: ContinueOutcome): HeaderChange[] {
  const changes: HeaderChange[] = [];
  // As `downstreamCookie`: only after a write; otherwise the browser's header goes on byte for byte.
  if (outcome.cookies.writes.length > 0) changes.push(['cookie', outcome.requestCookieHeader === '' ? null : outcome.requestCookieHeader]);
  const requestId = outcome.requestId ?? null;
  if (current.get(REQUEST_ID_HEADER) !== requestId) changes.push([REQUEST_ID_HEADER, requestId]);
  return changes;
}

/**
 * Applies the changes in place. Returns `false`, changing nothing further, when the headers are
 * immutable (a runtime's guarded request headers): the caller hands the changes on another way.
 */
export function applyChanges(headers: Headers, changes: readonly HeaderChange[]): boolean {
  try {
    for (const [name, value] of changes) {
      if (value === null) headers.delete(name);
      else headers.set(name, value);
    }
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

/** A copy of `headers` with the changes applied. */
export function withChanges(headers: HeadersInit, changes: readonly HeaderChange[]): Headers {
  const copy = new Headers(headers);
  applyChanges(copy, changes);
  return copy;
}

/**
 * The same changes on a header record as Node's `IncomingMessage` keeps it (`headers` by lower-case
 * name, and the flat `rawHeaders` list), for code that reads either.
 */
export function applyChangesToRecord(target: { headers: Record<string, string | string[] | undefined>; rawHeaders: string[] }, changes: readonly HeaderChange[]): void {
  for (const [name, value] of changes) {
    if (value === null) delete target.headers[name];
    else target.headers[name] = value;
    const kept = target.rawHeaders.flatMap((item, i, all) => (i % 2 === 0 && item.toLowerCase() !== name ? [item, all[i + 1] ?? ''] : []));
    target.rawHeaders.splice(0, target.rawHeaders.length, ...kept, ...(value === null ? [] : [name, value]));
  }
}
