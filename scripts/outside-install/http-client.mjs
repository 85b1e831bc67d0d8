// Plain HTTP/1.1 requests for the smoke test. Not `fetch`: undici sets Sec-Fetch-Mode itself (`cors`),
// and the smoke must send a browser navigation's headers exactly (and a Host of its choosing).
import { request as httpRequest } from 'node:http';

/** Sends one request; resolves to a Web `Response` (redirects not followed, each Set-Cookie kept). */
export function send(origin, path, { method = 'GET', headers = {}, body } = {}) {
  const url = new URL(origin);
  const payload = body === undefined ? undefined : Buffer.from(body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) }, agent: false },
      (incoming) => {
        const chunks = [];
        incoming.on('data', (chunk) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, item);
          }
          const status = incoming.statusCode ?? 500;
          const empty = status === 204 || status === 304 || method === 'HEAD';
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
      },
    );
    outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
