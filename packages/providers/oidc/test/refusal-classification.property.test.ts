// Property: only the documented final refusals (refresh: invalid_grant; userinfo: 401 invalid_token) sign anyone out; every other answer keeps the session.
// Each named class runs >= 100,000 generated token-endpoint answers through the real refresh path, with a fixed and a random seed.
import type { RefreshResult } from '@lockstep/core/refresh';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveCookieOptions } from '@lockstep/core/cookies';
import { resolveOidcOptions } from '../src/oidc-config.js';

const COOKIES = resolveCookieOptions(undefined);
import { refreshSession } from '../src/refresh.js';
import { createRuntime, type OidcRuntime } from '../src/runtime.js';
import { checkToken } from '../src/token-check.js';

const RUNS = 100_000;
// 10⁵ cases per class through the whole call path: minutes on a loaded 2-core runner, seconds on an idle one.
const TIMEOUT_MS = 300_000;
const SEEDS = [20261205, Date.now() ^ (Math.random() * 0x7fffffff)];
const ISSUER = 'https://id.example.com/';
const TOKEN_ENDPOINT = 'https://id.example.com/oauth/token';
const NOW = 1_800_000_000;
// The documented refusal, written out again on purpose: the test must not read the rule it checks.
const FINAL_STATUSES = [400, 401, 403];
const OAUTH_CODES = ['invalid_request', 'invalid_client', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'access_denied', 'server_error', 'temporarily_unavailable', 'invalid_token', 'login_required', 'consent_required', 'interaction_required', 'refresh_token_already_used', 'session_not_found'];

/** The answer the fake token endpoint gives: a status and a body (raw text, or JSON), or a thrown error. */
type Answer = { readonly status: number; readonly body: string | null; readonly contentType: string; readonly challenge?: string } | { readonly throws: unknown };

let answer: Answer = { status: 500, body: null, contentType: 'text/plain' };

const fetchStub: typeof fetch = (input) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url.endsWith('/.well-known/openid-configuration')) {
    return Promise.resolve(Response.json({ issuer: ISSUER, authorization_endpoint: `${ISSUER}authorize`, token_endpoint: TOKEN_ENDPOINT, jwks_uri: `${ISSUER}jwks`, userinfo_endpoint: `${ISSUER}userinfo` }));
  }
  if ('throws' in answer) return Promise.reject(answer.throws as Error);
  return Promise.resolve(answerAsResponse(answer));
};

/**
 * A minimal `Response` double: what the call path reads (status, headers, `json()`, `body`), with
 * `json()` failing exactly as the platform's does for a body that is not JSON. A real undici
 * `Response` costs ~70 µs on a loaded runner, too much for 10⁶ cases; the last test checks the
 * double against real `Response` objects on a sample of every class.
 */
function answerAsResponse(next: Extract<Answer, { status: number }>): Response {
  const { status, body, contentType, challenge } = next;
  const headers = new Headers({ 'content-type': contentType, ...(challenge === undefined ? {} : { 'www-authenticate': challenge }) });
  const double = {
    status,
    ok: status >= 200 && status < 300,
    headers,
    body: null,
    json: () => Promise.resolve().then(() => JSON.parse(body ?? '') as unknown),
  };
  return (realResponses ? new Response(body, { status, headers }) : double) as Response;
}

let realResponses = false;

const runtime: OidcRuntime = createRuntime(resolveOidcOptions({ issuer: ISSUER, clientId: 'web', clientSecret: 'test-secret' }), { fetch: fetchStub, timeoutMs: 1000, cookies: COOKIES });
// `user` mode with an opaque access token: straight to the userinfo endpoint, no local check, no cache.
const userCheck = checkToken(createRuntime(resolveOidcOptions({ issuer: ISSUER, clientId: 'web', clientSecret: 'test-secret', accessTokens: 'userinfo' }), { fetch: fetchStub, timeoutMs: 1000, cookies: COOKIES }));
const OPAQUE_SESSION = { accessToken: 'opaque-access-token', refreshToken: 'rt', expiresAt: NOW + 600, user: null };

async function userinfoWith(next: Answer) {
  answer = next;
  return userCheck(OPAQUE_SESSION, { kind: 'cookie', mode: 'user' }, NOW);
}

async function refreshWith(next: Answer) {
  answer = next;
  return refreshSession(runtime, 'refresh-token-1', NOW);
}

const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body), contentType: 'application/json' });
const text = fc.string({ maxLength: 40 });
// Fields beside `error` that providers and gateways send; never `error` itself.
const extraFields = fc.dictionary(fc.constantFrom('error_description', 'error_uri', 'code', 'error_code', 'message', 'trace_id', 'status'), fc.oneof(text, fc.integer(), fc.constant('invalid_grant')), { maxKeys: 3 });

// Class 1: the documented refusal — `invalid_grant` in the body's `error`, at 400, 401 or 403, whatever else the body says.
const finalRefusal = fc
  .record({ status: fc.constantFrom(...FINAL_STATUSES), description: fc.option(text, { nil: undefined }), extra: extraFields })
  .map(({ status, description, extra }) => json(status, { ...extra, error: 'invalid_grant', ...(description === undefined ? {} : { error_description: description }) }));

// Class 2: every 4xx that is not the documented refusal — other codes, `invalid_grant` at other statuses or in
// other fields, no code, non-JSON bodies, JSON that is not an object.
const notARefusal4xx = fc
  .oneof(
    fc.record({ status: fc.integer({ min: 400, max: 499 }), code: fc.oneof(fc.constantFrom(...OAUTH_CODES), text.filter((code) => code !== 'invalid_grant')), extra: extraFields }).map(({ status, code, extra }) => json(status, { ...extra, error: code })),
    fc.integer({ min: 400, max: 499 }).filter((status) => !FINAL_STATUSES.includes(status)).map((status) => json(status, { error: 'invalid_grant' })),
    fc.record({ status: fc.integer({ min: 400, max: 499 }), field: fc.constantFrom('code', 'error_code', 'message', 'Error', 'error_description') }).map(({ status, field }) => json(status, { [field]: 'invalid_grant' })),
    fc.record({ status: fc.integer({ min: 400, max: 499 }), value: fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant(['invalid_grant']), fc.constant({ code: 'invalid_grant' }), fc.constant('invalid_grant ')) }).map(({ status, value }) => json(status, { error: value })),
    fc.record({ status: fc.integer({ min: 400, max: 499 }), body: fc.oneof(fc.constant(''), fc.constant('<html>Forbidden</html>'), fc.constant('invalid_grant'), text) }).map(({ status, body }): Answer => ({ status, body, contentType: 'text/html' })),
    fc.record({ status: fc.integer({ min: 400, max: 499 }), body: fc.oneof(fc.constant('"invalid_grant"'), fc.constant('["invalid_grant"]'), fc.constant('null'), fc.integer().map(String)) }).map(({ status, body }): Answer => ({ status, body, contentType: 'application/json' })),
  );

// Class 3: every 5xx, whatever the body says (even `invalid_grant`).
const serverError = fc
  .record({ status: fc.integer({ min: 500, max: 599 }), body: fc.oneof(fc.constant({ error: 'invalid_grant' }), fc.constant({ error: 'server_error' }), extraFields) })
  .map(({ status, body }) => json(status, body));

// Class 4: the network fails — the fetch rejects with anything.
const networkFailure = fc
  .oneof(
    text.map((message) => new TypeError(message)),
    fc.constantFrom('ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'UND_ERR_SOCKET').map((code) => new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), { code }) })),
    fc.anything(),
  )
  .map((error): Answer => ({ throws: error }));

// Class 5: a 2xx that is not a token answer — no usable access token, or a token type other than Bearer.
const badToken = fc.oneof(fc.constant(undefined), fc.constant(''), fc.constant('has space'), fc.integer(), fc.constant(null), fc.constant({ token: 'x' }), fc.constant('x'.repeat(16_385)));
const notATokenAnswer = fc.oneof(
  fc.record({ status: fc.integer({ min: 200, max: 299 }).filter((status) => status !== 204 && status !== 205), at: badToken, extra: extraFields }).map(({ status, at, extra }) => json(status, { ...extra, access_token: at, refresh_token: 'rt-2', expires_in: 3600 })),
  fc.record({ status: fc.integer({ min: 200, max: 299 }).filter((status) => status !== 204 && status !== 205), type: fc.oneof(fc.constantFrom('DPoP', 'mac', 'N_A', ''), fc.integer()) }).map(({ status, type }) => json(status, { access_token: 'at-2', token_type: type, refresh_token: 'rt-2', expires_in: 3600 })),
  fc.integer({ min: 200, max: 299 }).filter((status) => status !== 204 && status !== 205).map((status): Answer => ({ status, body: '<html>Welcome</html>', contentType: 'text/html' })),
);

// Class 6: userinfo's final refusal (RFC 6750 §3.1) — 401 with `invalid_token` in the body or the Bearer challenge.
const userinfoRefusal = fc.oneof(
  fc.record({ description: fc.option(text, { nil: undefined }), extra: extraFields }).map(({ description, extra }) => json(401, { ...extra, error: 'invalid_token', ...(description === undefined ? {} : { error_description: description }) })),
  fc.constantFrom('Bearer error="invalid_token"', 'Bearer realm="x", error="invalid_token", error_description="expired"', 'bearer error=invalid_token').map((challenge): Answer => ({ status: 401, body: null, contentType: 'text/plain', challenge })),
);

// Class 7: every other userinfo 4xx — 403 insufficient_scope, a gateway's bodyless 401, invalid_token at another status or in another field.
const userinfoNotARefusal = fc.oneof(
  fc.record({ status: fc.integer({ min: 400, max: 499 }), code: fc.oneof(fc.constantFrom(...OAUTH_CODES, 'insufficient_scope', 'invalid_grant'), text).filter((code) => code !== 'invalid_token'), extra: extraFields }).map(({ status, code, extra }) => json(status, { ...extra, error: code })),
  fc.integer({ min: 400, max: 499 }).filter((status) => status !== 401).map((status) => json(status, { error: 'invalid_token' })),
  fc.record({ status: fc.integer({ min: 400, max: 499 }), challenge: fc.constantFrom('Basic realm="gateway"', 'Bearer error="insufficient_scope"', 'Bearer realm="api"', undefined) }).map(({ status, challenge }): Answer => ({ status, body: '<html>Unauthorized</html>', contentType: 'text/html', ...(challenge === undefined ? {} : { challenge }) })),
  fc.integer({ min: 400, max: 499 }).map((status) => json(status, { code: 'invalid_token', message: 'Invalid API key' })),
);

function isRejected(result: RefreshResult): boolean {
  return result.kind === 'rejected' && result.reason === 'invalid_grant';
}

function isUnavailable(result: RefreshResult, cause: string): boolean {
  return result.kind === 'unavailable' && result.cause === cause;
}

describe('refresh answers: only the documented refusal signs out', () => {
  for (const seed of SEEDS) {
    it(`class "final refusal": invalid_grant at 400/401/403 is rejected — signed out (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(finalRefusal, async (next) => isRejected(await refreshWith(next))),
        { numRuns: RUNS, seed },
      );
    }, TIMEOUT_MS);

    it(`class "every 4xx that is not a documented refusal": unavailable, never a sign-out (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(notARefusal4xx, async (next) => (await refreshWith(next)).kind === 'unavailable'),
        { numRuns: RUNS, seed },
      );
    }, TIMEOUT_MS);

    it(`class "5xx": unavailable (server_error), even with invalid_grant in the body (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(serverError, async (next) => isUnavailable(await refreshWith(next), 'server_error')),
        { numRuns: RUNS, seed },
      );
    }, TIMEOUT_MS);

    it(`class "network failure": unavailable (network), never a throw (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(networkFailure, async (next) => isUnavailable(await refreshWith(next), 'network')),
        { numRuns: RUNS, seed },
      );
    }, TIMEOUT_MS);

    it(`class "2xx that is not a token answer": unavailable (protocol), never a session (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(notATokenAnswer, async (next) => isUnavailable(await refreshWith(next), 'protocol')),
        { numRuns: RUNS, seed },
      );
    }, TIMEOUT_MS);
  }

  for (const seed of SEEDS) {
    it(`class "userinfo final refusal": 401 invalid_token (body or challenge) is rejected (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(userinfoRefusal, async (next) => {
          const result = await userinfoWith(next);
          return result.kind === 'rejected' && result.reason === 'invalid_token';
        }),
        { numRuns: RUNS, seed },
      );
    }, TIMEOUT_MS);

    it(`class "every userinfo 4xx that is not 401 invalid_token": unavailable, never a sign-out (seed ${seed})`, async () => {
      await fc.assert(
        fc.asyncProperty(userinfoNotARefusal, async (next) => (await userinfoWith(next)).kind === 'unavailable'),
        { numRuns: RUNS, seed },
      );
    }, TIMEOUT_MS);
  }

  it('the Response double answers as real Responses do, on 2,000 cases of every class', async () => {
    realResponses = true;
    try {
      const sample = { numRuns: 2_000, seed: SEEDS[0] ?? 0 };
      await fc.assert(fc.asyncProperty(finalRefusal, async (next) => isRejected(await refreshWith(next))), sample);
      await fc.assert(fc.asyncProperty(notARefusal4xx, async (next) => (await refreshWith(next)).kind === 'unavailable'), sample);
      await fc.assert(fc.asyncProperty(serverError, async (next) => isUnavailable(await refreshWith(next), 'server_error')), sample);
      await fc.assert(fc.asyncProperty(notATokenAnswer, async (next) => isUnavailable(await refreshWith(next), 'protocol')), sample);
      await fc.assert(fc.asyncProperty(userinfoRefusal, async (next) => (await userinfoWith(next)).kind === 'rejected'), sample);
      await fc.assert(fc.asyncProperty(userinfoNotARefusal, async (next) => (await userinfoWith(next)).kind === 'unavailable'), sample);
    } finally {
      realResponses = false;
    }
  }, TIMEOUT_MS);

  it('the stub is live: a real token answer refreshes (so the classes above are not vacuous)', async () => {
    const result = await refreshWith(json(200, { access_token: 'at-2', token_type: 'Bearer', refresh_token: 'rt-2', expires_in: 3600 }));
    expect(result).toEqual({ kind: 'refreshed', session: { accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: NOW + 3600, user: null } });
    const user = await userinfoWith(json(200, { sub: 'user-1', email: 'ada@example.com' }));
    expect(user.kind === 'valid' && user.user.id).toBe('user-1');
  });
});
