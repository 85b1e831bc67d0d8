// The Web-standard entry point: `(Request) => Promise<Response>` for GoTrue routes and the test controls.
import { setTimeout as sleep } from 'node:timers/promises';
import { apiError } from './api-error.js';
import { passGateway } from './api-keys.js';
import { preflightHeaders } from './cors.js';
import type { Fault } from './faults.js';
import { fail, type HandlerResult, type MockRequest } from './handler-types.js';
import { newUuid } from './ids.js';
import { render, type RenderContext } from './render.js';
import { matchRoute } from './routes.js';
import type { MockAuthState } from './state.js';

/** The GoTrue API prefix (spec §1.1). */
export const AUTH_PREFIX = '/auth/v1';
/** The test-only control prefix; never part of GoTrue. */
export const CONTROL_PREFIX = '/__mock';

/** Handles a control request (`/__mock/...`), given its path below the prefix. */
export type ControlRouter = (request: Request, path: string) => Promise<Response>;

/**
 * Creates the mock's request handler. A `drop` fault yields `Response.error()`, which the Node
 * server turns into a destroyed socket and `createMockFetch` into a rejected fetch.
 */
export function createRequestHandler(state: MockAuthState, controls: ControlRouter): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: preflightHeaders(origin) });
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      return controls(request, url.pathname.slice(CONTROL_PREFIX.length));
    }
    const nowMs = state.clock.now();
    const context: RenderContext = {
      origin,
      apiVersionHeader: request.headers.get('x-supabase-api-version'),
      requestId: newUuid(),
    };
    if (!url.pathname.startsWith(`${AUTH_PREFIX}/`)) return render(fail(apiError(404, null, 'Not Found')), context);
    const path = url.pathname.slice(AUTH_PREFIX.length);
    const route = matchRoute(request.method, path, url.searchParams);
    if (route === null) return render(fail(apiError(404, null, 'Not Found')), context);
    // Gateway emulation: 401 with a body that has no error code (spec §1.2).
    const gateway = passGateway(state.keys, state.settings.requireApiKey, request.headers);
    if (gateway.kind === 'refuse') return render({ kind: 'json', status: 401, body: gateway.body }, context);
    const fault = state.faults.onCall(route.endpoint);
    const loseResponse = fault?.kind === 'drop' && fault.afterHandler === true;
    if (fault?.kind === 'foreign') return foreignAnswer(fault);
    if (fault !== null && !loseResponse) {
      const faulted = await applyFault(fault, request.signal);
      if (faulted === 'drop') return Response.error();
      if (faulted !== null) return render(faulted, context);
    }
    const parsed = await readBody(request);
    if (parsed.kind === 'error') return render(parsed.result, context);
    const mockRequest: MockRequest = {
      method: request.method,
      url,
      path,
      query: url.searchParams,
      headers: gateway.headers,
      body: parsed.body,
      nowMs,
      requestId: context.requestId,
    };
    const result = await route.handler(state, mockRequest);
    // The server did the work, but the client never hears back (e.g. a rotated refresh token is lost).
    if (loseResponse) return Response.error();
    return render(result, context);
  };
}

/** What a gateway or firewall answers: its own JSON, none of GoTrue's error headers. */
function foreignAnswer(fault: Extract<Fault, { kind: 'foreign' }>): Response {
  if (fault.body === undefined) return new Response(null, { status: fault.status });
  return new Response(JSON.stringify(fault.body), { status: fault.status, headers: { 'content-type': 'application/json' } });
}

async function applyFault(fault: Fault, signal: AbortSignal): Promise<HandlerResult | 'drop' | null> {
  switch (fault.kind) {
    case 'status':
      return fail(apiError(fault.status, null, 'Injected fault: upstream unavailable'));
    case 'rate-limit':
      return fail(apiError(429, 'over_request_rate_limit', 'Request rate limit reached'));
    case 'drop':
      return 'drop';
    case 'foreign':
      return null; // answered before the handler runs
    case 'delay':
      try {
        await sleep(fault.ms, undefined, { signal });
      } catch {
        // The client went away while we waited: nothing to answer.
        return 'drop';
      }
      return null;
  }
}

type ParsedBody =
  | { readonly kind: 'ok'; readonly body: Readonly<Record<string, unknown>> }
  | { readonly kind: 'error'; readonly result: HandlerResult };

async function readBody(request: Request): Promise<ParsedBody> {
  if (request.method === 'GET' || request.method === 'HEAD') return { kind: 'ok', body: {} };
  const text = await request.text();
  if (text.trim() === '') return { kind: 'ok', body: {} };
  const badJson = (): ParsedBody => ({
    kind: 'error',
    result: fail(apiError(400, 'bad_json', 'Could not parse request body as JSON')),
  });
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return badJson();
    return { kind: 'ok', body: value as Record<string, unknown> };
  } catch {
    return badJson();
  }
}
