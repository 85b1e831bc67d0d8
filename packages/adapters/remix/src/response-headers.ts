// Attaches an outcome's cookies and headers to whatever a loader or action produced (framework-neutral: Web objects and plain values).
import { applyOutcomeToResponse, type Outcome } from '@lockstep/core';

/** The shape React Router's and Remix's `data(value, init)` return (checked by shape, as both frameworks do). */
export interface DataWithInit<T = unknown> {
  readonly type: 'DataWithResponseInit';
  readonly data: T;
  readonly init: ResponseInit | null;
}

/** True for a `data()` result. */
export function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit' && 'data' in value && 'init' in value;
}

/** The Set-Cookie lines and headers of an outcome as a `Headers` object (empty when there is nothing to write). */
export function outcomeHeaders(outcome: Outcome): Headers {
  const headers = new Headers();
  for (const [name, value] of outcome.headers) headers.append(name, value);
  for (const line of outcome.cookies.setCookie) headers.append('Set-Cookie', line);
  return headers;
}

/**
 * What `merge()` makes of a loader's result: a Response stays a Response, a `data()` result stays
 * one, and any other value becomes a JSON Response (a plain object cannot carry headers).
 */
export type Merged<T> = T extends Response ? Response : T extends DataWithInit ? T : Response;

/**
 * Puts the outcome's cookies and headers on a loader or action result (thrown or returned). A
 * cookie the result sets itself wins over the outcome's write of the same name.
 */
export function mergeOutcome<T>(result: T, outcome: Outcome): Merged<T> {
  if (result instanceof Response) return applyOutcomeToResponse(result, outcome) as Merged<T>;
  if (isDataWithInit(result)) {
    const carrier = applyOutcomeToResponse(new Response(null, { headers: result.init?.headers }), outcome);
    return { ...result, init: { ...result.init, headers: carrier.headers } } as Merged<T>;
  }
  return applyOutcomeToResponse(Response.json(result), outcome) as Merged<T>;
}
