// A minimal cookie-carrying HTTP client for the in-process demo tests (no browser needed).
// It uses node:http rather than fetch: Node's fetch forces `Sec-Fetch-Mode: cors`, so it cannot
// send the headers of a browser navigation.
import { request as httpRequest } from 'node:http';

// What a browser sends when it loads a page: without them the core treats a request as a data fetch (DESIGN §3.6).
const NAVIGATION = { accept: 'text/html,application/xhtml+xml', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };

/** A response as the tests read it. */
export interface TestResponse {
  readonly status: number;
  readonly location: string | undefined;
  readonly setCookie: readonly string[];
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  json(): unknown;
}

/** Sends requests to `baseUrl`, keeping the cookies the responses set (by name; `Max-Age=0` deletes); `cookies` start the jar. */
export function createClient(baseUrl: string, cookies: readonly { readonly name: string; readonly value: string }[] = []) {
  const jar = new Map<string, string>(cookies.map(({ name, value }) => [name, value]));

  async function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<TestResponse> {
    const all = { ...headers, ...(jar.size > 0 ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {}) };
    const response = await roundTrip(new URL(path, baseUrl), method, all, body);
    for (const line of response.setCookie) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      if (attributes.some((attribute) => attribute.trim().toLowerCase() === 'max-age=0')) jar.delete(name);
      else jar.set(name, pair.slice(separator + 1));
    }
    return response;
  }

  return {
    /** A data request, as `fetch()` from a page sends it. */
    fetch: (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
      send(init.method ?? 'GET', path, { 'sec-fetch-mode': 'cors', ...init.headers }, init.body),
    /** Loads a page as a browser navigation. */
    navigate: (path: string) => send('GET', path, NAVIGATION),
    /** Posts a form, as the demo's pages do; from their own origin unless `origin` says otherwise. */
    form: (path: string, fields: Record<string, string>, origin = baseUrl) =>
      send('POST', path, { ...NAVIGATION, origin, 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams(fields).toString()),
    hasCookies: (): boolean => jar.size > 0,
  };
}

/** A response's Set-Cookie lines as `Headers`, for the session matchers of @lockstep/mock-auth. */
export function setCookieHeaders(response: TestResponse): Headers {
  const headers = new Headers();
  for (const line of response.setCookie) headers.append('set-cookie', line);
  return headers;
}

function roundTrip(url: URL, method: string, headers: Record<string, string>, body?: string): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location,
          setCookie: response.headers['set-cookie'] ?? [],
          headers: response.headers,
          body: text,
          json: () => JSON.parse(text) as unknown,
        });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}
