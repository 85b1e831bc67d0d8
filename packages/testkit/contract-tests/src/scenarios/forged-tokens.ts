// C32: forged tokens cannot drive the app's calls to the auth server beyond a bounded budget.
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from '../environment.js';

const FORGED_REQUESTS = 40;
const BUDGET = 5;

/** An ES256 JWT signed with a key of our own, under a `kid` the project's key set does not hold. */
async function forgeEs256(claims: Record<string, unknown>, kid: string): Promise<string> {
  const { privateKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'ES256', typ: 'JWT', kid })}.${part(claims)}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

export function forgedTokenScenarios(env: ContractEnv): void {
  describe('C32 forged tokens cannot drive upstream calls beyond a bounded budget', () => {
    it(`${FORGED_REQUESTS} tokens with made-up kids → at most ${BUDGET} GET /user calls and one key-set refetch, never authenticated`, async () => {
      const app = await env.startApp({ jwt: { serverChecksPerMinute: BUDGET } });
      const { session, cookie } = await env.signIn();
      expect((await env.send('/api/me', { cookie, as: 'api', app })).status).toBe(200); // key set cached
      const baseline = { user: env.mock.controls.calls('user'), jwks: env.mock.controls.calls('jwks') };
      const now = Math.floor(env.mock.controls.clock.now() / 1000);
      const claims = { iss: `${env.mock.url}/auth/v1`, aud: 'authenticated', sub: session.user.id, role: 'authenticated', exp: now + 3600, iat: now };
      for (let i = 0; i < FORGED_REQUESTS; i++) {
        const forged = env.cookieFor({ ...session, access_token: await forgeEs256(claims, `forged-${i}`) });
        const response = await env.send('/api/me', { cookie: forged, as: 'api', app });
        expect(response.status).toBe(401);
      }
      expect(env.mock.controls.calls('user') - baseline.user).toBeLessThanOrEqual(BUDGET);
      expect(env.mock.controls.calls('jwks') - baseline.jwks).toBeLessThanOrEqual(1);
      // Real users are untouched: their tokens verify locally.
      expect((await env.send('/api/me', { cookie, as: 'api', app })).status).toBe(200);
    });
  });
}
