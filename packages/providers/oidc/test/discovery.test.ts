// Discovery: lazy, single-flight, cached on success, retried after a short cooldown on failure, strict about the document.
import { describe, expect, it } from 'vitest';
import { createDiscovery, toMetadata } from '../src/discovery.js';
import { resolveCookieOptions } from '@lockstep/core/cookies';
import { resolveOidcOptions } from '../src/oidc-config.js';

const COOKIES = resolveCookieOptions(undefined);

const ISSUER = 'https://id.example.com/realms/shop';
const DOCUMENT = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
  token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
  jwks_uri: `${ISSUER}/protocol/openid-connect/certs`,
  userinfo_endpoint: `${ISSUER}/protocol/openid-connect/userinfo`,
};

function counting(answers: (() => Response | Promise<Response>)[]): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  return {
    fetch: () => {
      const answer = answers[Math.min(calls, answers.length - 1)];
      calls++;
      return Promise.resolve(answer === undefined ? Response.error() : answer());
    },
    calls: () => calls,
  };
}

describe('discovery', () => {
  it('fetches once for concurrent callers and keeps a good document', async () => {
    const stub = counting([() => Response.json(DOCUMENT)]);
    const discovery = createDiscovery(resolveOidcOptions({ issuer: ISSUER, clientId: 'web' }), { fetch: stub.fetch, timeoutMs: 1000, cookies: COOKIES });
    const results = await Promise.all(Array.from({ length: 10 }, () => discovery.get(100)));
    expect(results.every((result) => result.kind === 'ok' && result.metadata.tokenEndpoint === DOCUMENT.token_endpoint)).toBe(true);
    await discovery.get(10_000);
    expect(stub.calls()).toBe(1);
  });

  it('remembers a failure for 5 seconds, then tries again', async () => {
    const stub = counting([() => new Response('down', { status: 503 }), () => Response.json(DOCUMENT)]);
    const discovery = createDiscovery(resolveOidcOptions({ issuer: ISSUER, clientId: 'web' }), { fetch: stub.fetch, timeoutMs: 1000, cookies: COOKIES });
    expect(await discovery.get(100)).toEqual({ kind: 'unavailable', cause: 'server_error', status: 503 });
    expect(await discovery.get(104)).toEqual({ kind: 'unavailable', cause: 'server_error', status: 503 });
    expect(stub.calls()).toBe(1);
    expect((await discovery.get(105)).kind).toBe('ok');
    expect(stub.calls()).toBe(2);
  });

  it('a 4xx or an unusable document is unavailable, never a crash', async () => {
    const config = resolveOidcOptions({ issuer: ISSUER, clientId: 'web' });
    const notFound = createDiscovery(config, { fetch: counting([() => Response.json({ error: 'not_found' }, { status: 404 })]).fetch, timeoutMs: 1000, cookies: COOKIES });
    expect(await notFound.get(0)).toEqual({ kind: 'unavailable', cause: 'unknown_refusal', status: 404 });
    const mixUp = createDiscovery(config, { fetch: counting([() => Response.json({ ...DOCUMENT, issuer: 'https://evil.example' })]).fetch, timeoutMs: 1000, cookies: COOKIES });
    expect(await mixUp.get(0)).toEqual({ kind: 'unavailable', cause: 'protocol', status: 200 });
  });

  it('accepts only a document for exactly this issuer, with the required endpoints on its scheme and S256 when PKCE methods are listed', () => {
    expect(toMetadata(DOCUMENT, ISSUER)).toMatchObject({ issuer: ISSUER, endSessionEndpoint: null, revocationEndpoint: null });
    expect(toMetadata(DOCUMENT, `${ISSUER}/`), 'a trailing slash is another issuer').toBeNull();
    expect(toMetadata({ ...DOCUMENT, token_endpoint: undefined }, ISSUER)).toBeNull();
    expect(toMetadata({ ...DOCUMENT, jwks_uri: 'http://id.example.com/certs' }, ISSUER), 'no downgrade to http').toBeNull();
    expect(toMetadata({ ...DOCUMENT, userinfo_endpoint: 42 }, ISSUER)).toBeNull();
    expect(toMetadata({ ...DOCUMENT, end_session_endpoint: 'not a url' }, ISSUER)).toBeNull();
    expect(toMetadata({ ...DOCUMENT, code_challenge_methods_supported: ['plain'] }, ISSUER)).toBeNull();
    expect(toMetadata({ ...DOCUMENT, code_challenge_methods_supported: ['plain', 'S256'] }, ISSUER)).not.toBeNull();
    for (const junk of [null, [], 'text', 42]) expect(toMetadata(junk, ISSUER)).toBeNull();
  });
});

describe('options', () => {
  it('fails at construction with coded errors that never quote the secret', () => {
    const secret = 'super-secret-value';
    const cases: [Record<string, unknown>, string][] = [
      [{ issuer: 'http://id.example.com', clientId: 'web' }, 'ERR_CONFIG_URL'],
      [{ issuer: 'https://id.example.com?x=1', clientId: 'web' }, 'ERR_CONFIG_URL'],
      [{ issuer: 'not a url', clientId: 'web' }, 'ERR_CONFIG_URL'],
      [{ issuer: 'https://id.example.com', clientId: '' }, 'ERR_CONFIG_INVALID'],
      [{ issuer: 'https://id.example.com', clientId: 'web', clientAuthMethod: 'client_secret_basic' }, 'ERR_CONFIG_INVALID'],
      [{ issuer: 'https://id.example.com', clientId: 'web', clientSecret: secret, clientAuthMethod: 'none' }, 'ERR_CONFIG_INVALID'],
      [{ issuer: 'https://id.example.com', clientId: 'web', clientSecret: secret, authorizationParams: { state: 'fixed' } }, 'ERR_CONFIG_INVALID'],
      [{ issuer: 'https://id.example.com', clientId: 'web', cookieName: 'a.b' }, 'ERR_CONFIG_COOKIE'],
      [{ issuer: 'https://id.example.com', clientId: 'web', redirectUri: '//evil.example/cb' }, 'ERR_CONFIG_URL'],
      [{ issuer: 'https://id.example.com', clientId: 'web', scopes: ['openid profile'] }, 'ERR_CONFIG_INVALID'],
      [{ issuer: 'https://id.example.com', clientId: 'web', accessTokens: 'opaque' }, 'ERR_CONFIG_INVALID'],
      [{ issuer: 'https://id.example.com', clientId: 'web', audience: [] }, 'ERR_CONFIG_INVALID'],
      [{ issuer: 'https://id.example.com', clientId: 'web', flowMaxAgeSeconds: 5 }, 'ERR_CONFIG_INVALID'],
    ];
    for (const [options, code] of cases) {
      let error: unknown;
      try {
        resolveOidcOptions(options as never);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(options)).toMatchObject({ code });
      expect(String((error as Error).message)).not.toContain(secret);
    }
  });

  it('resolves the defaults: openid first and once, the client id as audience, the issuer kept verbatim', () => {
    const config = resolveOidcOptions({ issuer: 'https://tenant.eu.auth0.com/', clientId: 'web', clientSecret: 's', scopes: ['email', 'openid'] });
    expect(config).toMatchObject({ issuer: 'https://tenant.eu.auth0.com/', scope: 'openid email', audience: ['web'], clientAuthMethod: 'client_secret_basic', redirectUri: '/auth/callback', cookieName: 'lockstep-oidc' });
    expect(Object.isFrozen(config)).toBe(true);
  });
});
