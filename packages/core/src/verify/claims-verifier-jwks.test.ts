import { beforeAll, describe, expect, it } from 'vitest';
import { createClaimsVerifier } from './claims-verifier.js';
import {
  createSigningKey,
  fakeFetch,
  jwksResponse,
  mintToken,
  NOW,
  verifierOptions,
  type SigningKey,
} from './test-support/jwt-fixtures.js';

// The key set failing is transient: `unavailable` with a cause, never a rejection of the token.
let es256: SigningKey;
let token: string;

beforeAll(async () => {
  es256 = await createSigningKey('ES256', 'key-es');
  token = await mintToken(es256);
});

function hangUntilAborted(init: RequestInit | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error), { once: true });
  });
}

describe('createClaimsVerifier: JWKS unavailable', () => {
  it.each([
    ['500', 500, 'server_error'],
    ['503', 503, 'server_error'],
    ['404', 404, 'server_error'],
    ['302', 302, 'server_error'],
    ['429', 429, 'rate_limited'],
  ] as const)('maps HTTP %s to %s', async (_name, status, cause) => {
    const verifier = createClaimsVerifier(verifierOptions(fakeFetch(() => new Response('{"keys":[]}', { status }))));
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause });
  });

  it('maps a fetch that rejects to network', async () => {
    const verifier = createClaimsVerifier(
      verifierOptions(
        fakeFetch(() => {
          throw new TypeError('fetch failed');
        }),
      ),
    );
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause: 'network' });
  });

  it('maps a request that outlives timeoutMs to timeout', async () => {
    const verifier = createClaimsVerifier(verifierOptions(fakeFetch(hangUntilAborted), { timeoutMs: 20 }));
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause: 'timeout' });
  });

  it('bounds the wait even when the injected fetch ignores its signal (DESIGN C12)', async () => {
    const verifier = createClaimsVerifier(
      verifierOptions(fakeFetch(() => new Promise<Response>(() => undefined)), { timeoutMs: 20 }),
    );
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause: 'timeout' });
  });

  it('maps a fetch that enforces its own timeout to timeout', async () => {
    const verifier = createClaimsVerifier(
      verifierOptions(
        fakeFetch(() => {
          throw new DOMException('The operation timed out.', 'TimeoutError');
        }),
      ),
    );
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause: 'timeout' });
  });

  it('maps a body that stalls past timeoutMs to timeout', async () => {
    const stalled = (): Response => new Response(new ReadableStream({ pull: () => new Promise<void>(() => undefined) }));
    const verifier = createClaimsVerifier(verifierOptions(fakeFetch(stalled), { timeoutMs: 20 }));
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause: 'timeout' });
  });

  it('maps a body that breaks mid-read to network', async () => {
    const broken = (): Response =>
      new Response(
        new ReadableStream({
          start: (controller) => controller.error(new TypeError('terminated')),
        }),
      );
    const verifier = createClaimsVerifier(verifierOptions(fakeFetch(broken)));
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause: 'network' });
  });

  it.each([
    ['HTML', '<html>502 Bad Gateway</html>'],
    ['empty', ''],
    ['JSON array', '[]'],
    ['JSON null', 'null'],
    ['keys not a list', '{"keys":"none"}'],
    ['keys of strings', '{"keys":["a"]}'],
    ['no keys', '{}'],
  ])('maps a %s body to protocol', async (_name, body) => {
    const verifier = createClaimsVerifier(verifierOptions(fakeFetch(() => new Response(body, { status: 200 }))));
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause: 'protocol' });
  });

  it('maps a published key that cannot be imported to protocol', async () => {
    const broken = { ...es256.publicJwk, x: 'AAAA', y: 'AAAA' };
    const verifier = createClaimsVerifier(verifierOptions(fakeFetch(() => Response.json({ keys: [broken] }))));
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause: 'protocol' });
  });

  it('recovers on the next request once the JWKS answers again', async () => {
    const jwks = fakeFetch(
      () => new Response('', { status: 503 }),
      () => jwksResponse([es256]),
    );
    const verifier = createClaimsVerifier(verifierOptions(jwks));
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'unavailable', cause: 'server_error' });
    expect(await verifier.verify(token, NOW)).toMatchObject({ kind: 'valid', cached: false });
    expect(jwks.calls()).toBe(2);
  });

  it('sends no token to the JWKS endpoint and puts none in its errors', async () => {
    const seen: string[] = [];
    const jwks = fakeFetch((init) => {
      seen.push(JSON.stringify([...new Headers(init?.headers).entries()]));
      return new Response('', { status: 500 });
    });
    const check = await createClaimsVerifier(verifierOptions(jwks)).verify(token, NOW);
    expect(JSON.stringify(check)).not.toContain(token.slice(0, 20));
    expect(seen.join('')).not.toContain(token.slice(0, 20));
  });
});
