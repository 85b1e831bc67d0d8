// Real servers on 127.0.0.1:0 for the mechanics tests, and raw HTTP for targets `fetch` cannot send.
import { createServer, type RequestListener, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

import { overHttp } from '@lockstep/contract-tests';

export { createMockLockstep as setup } from '@lockstep/contract-tests';

/**
 * A GET over node:http with exactly these headers (`fetch` would replace `Sec-Fetch-Mode` with
 * `cors`, and a navigation would then be answered as a data request), redirects not followed.
 */
export function get(url: string, headers: Readonly<Record<string, string>> = {}): Promise<Response> {
  return overHttp(new URL(url).origin, () => Promise.resolve()).fetch(new Request(url, { headers }));
}

/** Navigation headers of a browser. */
export const NAVIGATE = { accept: 'text/html', 'sec-fetch-mode': 'navigate' };

/** Runs `listener` on a loopback port for the duration of `use`. */
export async function withServer<T>(listener: RequestListener | Server, use: (origin: string) => Promise<T>): Promise<T> {
  const server = typeof listener === 'function' ? createServer(listener) : listener;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** One hand-written HTTP/1.1 request (target and headers as bytes); resolves with the status line's code and the raw head. */
export function sendRaw(origin: string, target: Buffer | string, headers: Readonly<Record<string, string>> = { Host: new URL(origin).host }): Promise<{ status: number; head: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.write(Buffer.concat([Buffer.from('GET '), Buffer.from(target), Buffer.from(` HTTP/1.1\r\n${lines}Connection: close\r\n\r\n`)]));
    });
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(data.split(' ')[1]), head: data.split('\r\n\r\n')[0] ?? '' }));
  });
}
