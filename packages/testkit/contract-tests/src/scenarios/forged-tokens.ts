// C32: forged tokens cannot drive the app's calls to the auth server beyond a bounded budget.
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from '../environment.js';

/** The budget asked for where the backend's provider lets the app set it. */
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
    it('tokens with made-up kids → backend calls within the budget, at most one key-set refetch, never authenticated', async () => {
      const overrides = { serverChecksPerMinute: BUDGET };
      const app = await env.startApp(overrides);
      const budget = env.backend.serverCheckBudget(overrides);
      // Past the budget, so a missing bound shows; at least 40 (the budget may be small).
      const forgedRequests = Math.max(40, budget + 10);
      const { session, cookie } = await env.signIn();
      expect((await env.send('/api/me', { cookie, as: 'api', app })).status).toBe(200); // key set cached
      const baseline = { user: env.backend.calls('user'), jwks: env.backend.calls('keys') };
      const now = Math.floor(env.backend.now() / 1000);
      const claims = { iss: env.backend.issuer, aud: env.backend.audience, sub: session.user.id, email: session.user.email, role: 'authenticated', exp: now + 3600, iat: now };
      for (let i = 0; i < forgedRequests; i++) {
        const forged = env.cookieFor({ ...session, accessToken: await forgeEs256(claims, `forged-${i}`) });
        const response = await env.send('/api/me', { cookie: forged, as: 'api', app });
        expect(response.status).toBe(401);
      }
      expect(env.backend.calls('user') - baseline.user).toBeLessThanOrEqual(budget);
      expect(env.backend.calls('keys') - baseline.jwks).toBeLessThanOrEqual(1);
      // Real users are untouched: their tokens verify locally.
      expect((await env.send('/api/me', { cookie, as: 'api', app })).status).toBe(200);
    });
  });
}
