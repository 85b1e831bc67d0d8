// RFC 9112 request-target forms over raw HTTP against `next start` (issue #19). Next answers the
// unusual forms itself, before the proxy runs; these are its answers, pinned so the deployment notes
// (README, docs/security.md) stay true: the reverse proxy in front must refuse or normalise them.
import type { RunningDemo } from '@lockstep/demo-kit';
import { sameOriginLocation, sendRawHttp } from '@lockstep/demo-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../src/index.js';

let demo: RunningDemo;
beforeAll(async () => {
  demo = await startDemo({ port: 0 });
});
afterAll(() => demo.close());

describe('request targets under next start', () => {
  it('origin form: the proxy redirects to the login page on the demo origin', async () => {
    const answer = await sendRawHttp(demo.url, 'GET /dashboard HTTP/1.1');
    expect(answer.status).toBe(307);
    expect(sameOriginLocation(answer, demo.url)).toBe('/login?next=%2Fdashboard');
  });

  it.each(['/dashboard', '/api/me'])('absolute form http://evil.example%s: Next’s own 308 to that URL, before the proxy; no page, no cookie', async (path) => {
    const answer = await sendRawHttp(demo.url, `GET http://evil.example${path} HTTP/1.1`);
    expect(answer.status).toBe(308);
    expect(answer.headers.location).toBe(`http://evil.example${path}`);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('asterisk form: Next answers 500 itself (the proxy never runs)', async () => {
    for (const line of ['GET * HTTP/1.1', 'OPTIONS * HTTP/1.1']) {
      const answer = await sendRawHttp(demo.url, line);
      expect(answer.status, line).toBe(500);
      expect(answer.headers['set-cookie'], line).toBeUndefined();
    }
  });

  it('authority form: Node refuses a GET with 400 and drops a CONNECT without an answer', async () => {
    expect((await sendRawHttp(demo.url, 'GET evil.example:443 HTTP/1.1')).status).toBe(400);
    expect((await sendRawHttp(demo.url, 'CONNECT evil.example:443 HTTP/1.1')).status).toBe(0);
  });
});
