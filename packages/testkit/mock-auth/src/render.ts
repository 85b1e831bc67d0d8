// Renders handler results into Web `Response`s: the error envelope, CORS and content types.
import { parseApiVersion, renderApiError } from './api-error.js';
import { corsHeaders } from './cors.js';
import type { HandlerResult } from './handler-types.js';

/** The request facts rendering needs. */
export interface RenderContext {
  readonly origin: string | null;
  readonly apiVersionHeader: string | null;
  readonly requestId: string;
}

/** Renders `result` once, adding CORS headers when the request had an `Origin`. */
export function render(result: HandlerResult, context: RenderContext): Response {
  const cors = corsHeaders(context.origin);
  switch (result.kind) {
    case 'json':
      return jsonResponse(result.status, result.body, { ...cors, ...result.headers });
    case 'error': {
      const rendered = renderApiError(result.error, parseApiVersion(context.apiVersionHeader), context.requestId);
      return jsonResponse(rendered.status, rendered.body, { ...cors, ...result.headers, ...rendered.headers });
    }
    case 'redirect':
      return new Response(null, { status: result.status, headers: { ...cors, Location: result.location } });
    case 'empty':
      return new Response(null, { status: result.status, headers: cors });
    case 'html':
      return new Response(result.html, { status: result.status, headers: { ...cors, 'Content-Type': 'text/html; charset=utf-8' } });
  }
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'Content-Type': 'application/json' },
  });
}
