// Attaches an outcome's cookies and headers to whatever a loader or action produced: a Response, a `data()` result or a plain value.
import { applyOutcomeToResponse, type Outcome } from '@lockstep/core';
import { mergeOutcomeHeaders } from '@lockstep/core/adapter';

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
  if (isDataWithInit(result)) return { ...result, init: { ...result.init, headers: mergeOutcomeHeaders(result.init?.headers, outcome) } } as Merged<T>;
  return applyOutcomeToResponse(Response.json(result), outcome) as Merged<T>;
}
