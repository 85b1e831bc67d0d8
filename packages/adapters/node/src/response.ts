// Outcomes onto Node's ServerResponse: the cookies on whatever the app sends, and the responses the core decides itself.
import { applyOutcomeToResponse, type Outcome } from '@lockstep/core';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Adds the outcome's Set-Cookie and headers to the response the app sends, whatever writes it
 * (`res.end()`, `res.redirect()`, a stream, an error handler that cleared headers, Fastify's
 * `reply.send()`): the head leaves through `writeHead`, which Node also calls for an implicit
 * head, so the cookies are added there, after every `setHeader` and with the headers passed to
 * `writeHead` itself. A cookie the app sets wins over the outcome's write of the same name, and
 * `Vary` is merged, exactly as the core does for Web responses (`applyOutcomeToResponse`).
 */
export function applyOnWriteHead(res: ServerResponse, outcome: Outcome): void {
  if (outcome.cookies.setCookie.length === 0 && outcome.headers.length === 0) return; // the hot path: nothing to add
  const original = res.writeHead;
  res.writeHead = function writeHead(this: ServerResponse, statusCode: number, ...rest: unknown[]): ServerResponse {
    res.writeHead = original; // once: the hook is installed before the app runs, so this is the first head
    const reason = typeof rest[0] === 'string' ? rest[0] : undefined;
    storeHeaders(res, (reason === undefined ? rest[0] : rest[1]) as OutgoingHttpHeaders | readonly string[] | undefined);
    // A carrier with only what the merge reads: the app's Set-Cookie lines and its values of the outcome's headers.
    const names = ['set-cookie', ...outcome.headers.map(([name]) => name)];
    const carrier = new Headers(names.flatMap((name) => [res.getHeader(name) ?? []].flat().map((value): [string, string] => [name, String(value)])));
    const applied = applyOutcomeToResponse(new Response(null, { headers: carrier }), outcome).headers;
    res.setHeader('Set-Cookie', applied.getSetCookie());
    for (const [name] of outcome.headers) res.setHeader(name, applied.get(name) ?? '');
    return Reflect.apply(original, res, reason === undefined ? [statusCode] : [statusCode, reason]) as ServerResponse;
  } as ServerResponse['writeHead'];
}

/** Headers passed to `writeHead` join the stored ones first, with Node's own precedence: they replace same-named ones. */
function storeHeaders(res: ServerResponse, headers: OutgoingHttpHeaders | readonly string[] | undefined): void {
  if (!Array.isArray(headers)) return void Object.entries(headers ?? {}).forEach(([name, value]) => value !== undefined && res.setHeader(name, value));
  for (let i = 0; i < headers.length; i += 2) res.removeHeader(String(headers[i])); // flat `[name, value, …]`, duplicates allowed
  for (let i = 0; i + 1 < headers.length; i += 2) res.appendHeader(String(headers[i]), String(headers[i + 1]));
}

/** Sends a Web `Response` (a decided outcome: `toWebResponse(outcome)`) on a Node response, each Set-Cookie apart. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res[name === 'set-cookie' ? 'appendHeader' : 'setHeader'](name, value);
  res.end(Buffer.from(await response.arrayBuffer()));
}
