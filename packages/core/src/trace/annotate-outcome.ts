// Adds the request's id (and the debug header) to an outcome without touching its other properties.
import type { HeaderEntry, Outcome } from '../outcome.js';

/**
 * A copy of `outcome` with `requestId` and `extraHeaders` appended to its headers. Copied by
 * property descriptors: a continue outcome's `requestCookieHeader` is a getter that renders the
 * header only when an adapter asks for it, and must stay one.
 */
export function annotateOutcome<T extends Outcome>(outcome: T, requestId: string, extraHeaders: readonly HeaderEntry[]): T {
  const descriptors = Object.getOwnPropertyDescriptors(outcome);
  return Object.create(Object.getPrototypeOf(outcome) as object | null, {
    ...descriptors,
    requestId: { value: requestId, enumerable: true },
    headers: { value: extraHeaders.length === 0 ? outcome.headers : [...outcome.headers, ...extraHeaders], enumerable: true },
  }) as T;
}
