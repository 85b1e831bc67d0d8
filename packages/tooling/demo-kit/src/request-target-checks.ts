// The request-target contract of the demos that own their Node server (Hono, React Router), asserted over raw HTTP.
import { expect } from 'vitest';
import { sendRawHttp, type RawAnswer } from './raw-http.js';

/** Targets that name no resource this server serves (RFC 9112 §3.2.3, §3.2.4): always 400. */
export const REFUSED_TARGETS: readonly string[] = ['GET * HTTP/1.1', 'OPTIONS * HTTP/1.1', 'CONNECT evil.example:443 HTTP/1.1', 'GET evil.example:443 HTTP/1.1', 'GET evil.example HTTP/1.1'];

/** A redirect's `Location`, resolved against the demo, as path and query; fails when it leaves the demo's origin. */
export function sameOriginLocation(answer: RawAnswer, demoUrl: string): string {
  const location = answer.headers.location ?? '';
  expect(location, 'Location is not protocol-relative').not.toMatch(/^[/\\][/\\]/);
  const target = new URL(location, demoUrl);
  expect(target.origin, `Location ${location} stays on the demo`).toBe(new URL(demoUrl).origin);
  return target.pathname + target.search;
}

/**
 * Every RFC 9112 request-target form against a demo: origin and absolute forms are served on the
 * demo's own origin (the absolute form's host ignored: a protected page still redirects to the
 * demo's login page, a public one answers 200), asterisk and authority forms get 400, a `Host`
 * that is not a host gets 400; never a 500, never an off-origin redirect.
 */
export async function expectRequestTargetsHandled(demoUrl: string): Promise<void> {
  const origin = await sendRawHttp(demoUrl, 'GET /dashboard HTTP/1.1');
  const absolute = await sendRawHttp(demoUrl, 'GET http://evil.example/dashboard HTTP/1.1');
  for (const answer of [origin, absolute]) {
    expect([302, 303, 307]).toContain(answer.status);
    expect(sameOriginLocation(answer, demoUrl)).toBe('/login?next=%2Fdashboard');
  }
  expect((await sendRawHttp(demoUrl, 'GET https://evil.example/api/health HTTP/1.1')).status).toBe(200);
  const slashes = await sendRawHttp(demoUrl, 'GET //evil.example/dashboard HTTP/1.1');
  expect(slashes.status).toBeLessThan(500);
  if (slashes.headers.location !== undefined) sameOriginLocation(slashes, demoUrl);
  for (const line of REFUSED_TARGETS) {
    expect((await sendRawHttp(demoUrl, line)).status, line).toBe(400);
  }
  for (const host of ['a@evil.example', 'evil.example/x', 'a b']) {
    const answer = await sendRawHttp(demoUrl, 'GET /dashboard HTTP/1.1', [], host);
    expect(answer.status, `Host: ${host}`).toBe(400);
  }
}
