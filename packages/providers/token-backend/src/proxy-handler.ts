// The server-side proxy route (DESIGN §3.10): the browser calls `/api/proxy/…`, the server attaches the bearer token.
import type { Lockstep } from '@lockstep/core';
import { LockstepError } from '@lockstep/core';
import type { ContinueOutcome } from '@lockstep/core';
import { applyOutcomeToResponse, toWebResponse } from '@lockstep/core';
import { NO_STORE_HEADERS } from '@lockstep/core/cookies';
import type { TokenBackendProvider } from './token-backend-provider.js';

/** How the proxy is configured. */
export interface ProxyHandlerOptions {
  /** The app's Lockstep instance: resolves (and refreshes) the session of every proxied request. */
  readonly lockstep: Lockstep;
  /** The API the requests go to, e.g. `https://api.example.com/v1`; the path after `prefix` is appended. */
  readonly upstream: string;
  /** The path the proxy is mounted at, e.g. `/api/proxy`. */
  readonly prefix: string;
  /**
   * The token-backend provider the instance runs on. With it, an upstream 401 for a token that was
   * not just refreshed renews the session once and retries once; without it, the 401 is passed on.
   */
  readonly provider?: Pick<TokenBackendProvider, 'markRefused'>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Limit of one upstream call, in milliseconds. @default 30000 */
  readonly timeoutMs?: number;
}

// Hop-by-hop headers (RFC 9110 §7.6.1), and what the proxy owns: the user's credentials and the host.
const DROPPED_REQUEST_HEADERS = ['cookie', 'authorization', 'proxy-authorization', 'host', 'connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'content-length'];
// The upstream must not set cookies on the app's origin; the body arrives decoded, so its encoding and length go.
const DROPPED_RESPONSE_HEADERS = ['set-cookie', 'connection', 'keep-alive', 'trailer', 'transfer-encoding', 'upgrade', 'content-encoding', 'content-length'];

/**
 * Creates the proxy handler. For each request under `prefix` it runs `lockstep.handle` (as a data
 * request: no session → 401 JSON), forwards the request to `upstream` with
 * `Authorization: Bearer <access token>` (the browser's cookies and Authorization are stripped, so
 * the browser never holds or sends the token), and answers with the upstream response plus the
 * outcome's cookies and `no-store` headers. An upstream 401 for a token that was not refreshed in
 * this request renews the session once and retries once; a second 401 is passed on — never a loop.
 *
 * @example
 * const proxy = createProxyHandler({ lockstep, provider: backend, upstream: 'https://api.example.com', prefix: '/api/proxy' });
 * app.all('/api/proxy/*', (c) => proxy(c.req.raw));
 */
export function createProxyHandler(options: ProxyHandlerOptions): (request: Request) => Promise<Response> {
  const { lockstep, provider } = options;
  if (typeof lockstep?.handle !== 'function') throw new LockstepError('ERR_CONFIG_INVALID', 'createProxyHandler needs the Lockstep instance as "lockstep".');
  const prefix = normalizePrefix(options.prefix);
  const upstream = upstreamBase(options.upstream);
  const send = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new LockstepError('ERR_CONFIG_INVALID', 'createProxyHandler: "timeoutMs" must be a positive number.');

  async function forward(request: Request, target: URL, body: ArrayBuffer | null, outcome: ContinueOutcome): Promise<Response> {
    const headers = new Headers(request.headers);
    for (const name of DROPPED_REQUEST_HEADERS) headers.delete(name);
    if (outcome.auth.kind === 'authenticated') headers.set('authorization', `Bearer ${outcome.auth.session.accessToken}`);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await send(target, { method: request.method, headers, body, redirect: 'manual', signal });
      return toClientResponse(response, outcome.auth.kind === 'authenticated');
    } catch {
      // Our own signal says whether it was the timeout: fetch implementations reject with different error types.
      const unavailable = Response.json({ error: 'upstream_unavailable', reason: signal.aborted ? 'timeout' : 'network' }, { status: 502 });
      for (const [name, value] of NO_STORE_HEADERS) unavailable.headers.set(name, value);
      return unavailable;
    }
  }

  return async function proxy(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const target = targetOf(url, prefix, upstream);
    if (target === null) return Response.json({ error: 'not_found', reason: 'outside_proxy_prefix' }, { status: 404 });
    // Buffered once, so the one retry can send it again.
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
    const outcome = await lockstep.handle(request, { kind: 'data' });
    if (outcome.kind !== 'continue') return toWebResponse(outcome);
    const response = await forward(request, target, body, outcome);
    const auth = outcome.auth;
    // Retry only a token that was neither just issued nor refreshed: a fresh token refused again is the upstream's final word.
    if (response.status !== 401 || provider === undefined || auth.kind !== 'authenticated' || auth.refreshed) return applyOutcomeToResponse(response, outcome);
    await provider.markRefused(auth.session);
    const renewed = await lockstep.handle(request, { kind: 'data' });
    if (renewed.kind !== 'continue') {
      await response.body?.cancel().catch(() => undefined);
      return toWebResponse(renewed);
    }
    if (renewed.auth.kind !== 'authenticated' || !renewed.auth.refreshed) return applyOutcomeToResponse(response, renewed);
    await response.body?.cancel().catch(() => undefined);
    return applyOutcomeToResponse(await forward(request, target, body, renewed), renewed);
  };
}

function toClientResponse(response: Response, authenticated: boolean): Response {
  const headers = new Headers(response.headers);
  for (const name of DROPPED_RESPONSE_HEADERS) headers.delete(name);
  // A response fetched with someone's token is theirs: no shared cache may keep it.
  if (authenticated) for (const [name, value] of NO_STORE_HEADERS) headers.set(name, value);
  const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
  return new Response(nullBody ? null : response.body, { status: response.status, statusText: response.statusText, headers });
}

function targetOf(url: URL, prefix: string, upstream: URL): URL | null {
  // The request URL is already normalized (dot segments, including %2e%2e, resolved by the URL parser).
  if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return null;
  const rest = url.pathname.slice(prefix.length);
  const base = upstream.pathname.replace(/\/$/, '');
  const target = new URL(`${base}${rest}${url.search}`, upstream.origin);
  if (target.origin !== upstream.origin || (target.pathname !== base && !target.pathname.startsWith(`${base}/`))) return null;
  return target;
}

function normalizePrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !prefix.startsWith('/') || prefix.includes('?') || prefix.includes('#')) {
    throw new LockstepError('ERR_CONFIG_PATH', 'createProxyHandler: "prefix" must be a path such as /api/proxy.');
  }
  return prefix.replace(/\/+$/, '');
}

function upstreamBase(upstream: unknown): URL {
  let url: URL;
  try {
    url = new URL(String(upstream));
  } catch (cause) {
    throw new LockstepError('ERR_CONFIG_URL', 'createProxyHandler: "upstream" must be an absolute http(s) URL.', { cause });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new LockstepError('ERR_CONFIG_URL', 'createProxyHandler: "upstream" must be an http(s) URL without credentials, query or fragment.');
  }
  return url;
}
