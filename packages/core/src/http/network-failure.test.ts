import { describe, expect, it } from 'vitest';
import { boundedCall } from './bounded-call.js';
import { networkFailureDetail } from './network-failure.js';

const coded = (code: string, message = 'connect failed to secret-host.internal:5432'): Error => Object.assign(new Error(message), { code });

describe('networkFailureDetail', () => {
  it.each([
    ['undici wrapping a socket error', new TypeError('fetch failed', { cause: coded('ECONNREFUSED') }), 'ECONNREFUSED'],
    ['a DNS failure', new TypeError('fetch failed', { cause: coded('ENOTFOUND') }), 'ENOTFOUND'],
    ['a TLS failure', new TypeError('fetch failed', { cause: coded('CERT_HAS_EXPIRED') }), 'CERT_HAS_EXPIRED'],
    ['undici\'s own code', new TypeError('fetch failed', { cause: coded('UND_ERR_CONNECT_TIMEOUT') }), 'UND_ERR_CONNECT_TIMEOUT'],
    ['a bad port (no code)', new TypeError('fetch failed', { cause: new Error('bad port') }), 'BAD_PORT'],
  ])('names %s', (_name, error, detail) => {
    expect(networkFailureDetail(error)).toBe(detail);
  });

  it.each([
    ['a message that quotes a URL', new TypeError('request to https://user:secret@db.example/x failed')],
    ['a code that is not an identifier', Object.assign(new Error('x'), { code: 'token=abc; secret' })],
    ['a non-error', 'eyJhbGciOi.secret.token'],
    ['a cycle', (() => { const e: { cause?: unknown } = {}; e.cause = e; return e; })()],
  ])('says nothing for %s', (_name, error) => {
    expect(networkFailureDetail(error)).toBeUndefined();
  });
});

describe('boundedCall', () => {
  const policy = { retryLater: new Set<number>(), bodylessRefusals: new Set<number>(), errorCode: () => null };
  it('reports why the network failed, without the error\'s message', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed', { cause: coded('ECONNREFUSED') });
    }) as typeof fetch;
    expect(await boundedCall(failing, 'http://127.0.0.1:1/token', { method: 'POST' }, 1000, policy)).toEqual({ kind: 'unavailable', cause: 'network', detail: 'ECONNREFUSED' });
  });

  it('a real connection refused on loopback is named too', async () => {
    const answer = await boundedCall(fetch, 'http://127.0.0.1:1/token', { method: 'POST' }, 3000, policy);
    expect(answer).toMatchObject({ kind: 'unavailable', cause: 'network' });
    expect(['ECONNREFUSED', 'BAD_PORT']).toContain((answer as { detail?: string }).detail);
  });
});
