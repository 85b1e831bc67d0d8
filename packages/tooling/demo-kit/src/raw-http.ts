// Sends one hand-written HTTP/1.1 request over a socket: the only way to send targets `fetch` cannot (`*`, `http://other/x`).
import { connect } from 'node:net';

/** The parsed head of a raw HTTP answer (`status` 0 when the server closed without one). */
export interface RawAnswer {
  readonly status: number;
  /** Lower-cased header names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly raw: string;
}

/**
 * Sends `${requestLine}\r\nHost: <demo host, or hostHeader>\r\nConnection: close\r\n\r\n` to the demo at `url`
 * (loopback) and reads the answer until the server closes the connection (5 s at most).
 *
 * @example
 * const answer = await sendRawHttp(demo.url, 'GET http://evil.com/dashboard HTTP/1.1');
 */
export function sendRawHttp(url: string, requestLine: string, extraHeaders: readonly string[] = [], hostHeader?: string): Promise<RawAnswer> {
  const { hostname, host, port } = new URL(url);
  const text = [requestLine, `Host: ${hostHeader ?? host}`, ...extraHeaders, 'Connection: close', '', ''].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''), () => socket.write(text));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`no answer to ${requestLine} within 5 s`)), 5000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseHead(Buffer.concat(chunks).toString('latin1')));
    });
  });
}

function parseHead(raw: string): RawAnswer {
  const [statusLine = '', ...lines] = raw.split('\r\n\r\n')[0]?.split('\r\n') ?? [];
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, raw };
}
