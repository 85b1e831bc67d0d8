// Tells a document navigation from a data fetch, so denials render as a redirect or a 401 (DESIGN §3.6).

/**
 * - `document`: a browser navigation; an unauthenticated one is redirected to the login page.
 * - `data`: `fetch`/XHR or an API path; it gets 401 JSON it can handle, never an HTML redirect.
 * - `action`: a framework-internal mutation (e.g. a Next.js Server Action). Denied like a document
 *   (a 303 to login, never a pass-through: the header is the client's to forge); the adapter renders
 *   that redirect in the framework's own form (Next: `x-action-redirect`), so the client navigates.
 */
export type RequestKind = 'document' | 'data' | 'action';

/** Signals an adapter may add from the framework's own knowledge of the request. */
export interface RequestKindHint {
  /**
   * The framework knows the kind. E.g. Next.js Server Actions are `action`; React Router's `.data`
   * navigations are `document`, because the framework turns a redirect into its own decodable 202.
   */
  readonly kind?: RequestKind;
}

/**
 * Classifies a request. The order matters: the path decides first (an API path is data even when
 * typed into the address bar or flagged as a framework action), then the adapter's hint, then the Fetch Metadata `Sec-Fetch-Mode` header browsers set and
 * pages cannot forge, then `Accept` for clients that send no Fetch Metadata.
 *
 * @example
 * classifyRequest(record.headers, false); // 'document' for a plain browser navigation
 */
export function classifyRequest(headers: Headers, isApiPath: boolean, hint?: RequestKindHint): RequestKind {
  // The path wins over a framework hint: an API route is never a page, and a request that claims
  // to be a Server Action must not pass an API path unauthenticated on the strength of a header.
  if (isApiPath) return 'data';
  if (hint?.kind !== undefined) return hint.kind;
  const mode = headers.get('sec-fetch-mode');
  if (mode === 'navigate') return 'document';
  if (mode !== null && mode !== '') return 'data';
  return prefersJson(headers.get('accept')) ? 'data' : 'document';
}

/** True when the client asks for JSON and not for HTML (`Accept: application/json`, `*+json`). */
function prefersJson(accept: string | null): boolean {
  if (accept === null) return false;
  const types = accept.split(',').map((part) => (part.split(';')[0] ?? '').trim().toLowerCase());
  const json = types.some((type) => type === 'application/json' || type.endsWith('+json'));
  const html = types.some((type) => type === 'text/html' || type === 'application/xhtml+xml');
  return json && !html;
}
