// What the contract matrix (packages/testkit/contract-tests, every adapter × the fake token backend) does not
// cover for this provider: verification by an HS256 secret or by the user endpoint alone (the matrix
// verifies with the key set), and a gateway's HTML page where JSON was expected (the GoTrue mock has no
// such fault, so the neutral suite cannot list it).
import type { TokenBackendFault } from '@lockstep/mock-token-backend';
import { describe, expect, it } from 'vitest';
import { location, probeOf, TOKEN_LIFETIME, useEnv, type Verification } from './support.js';

describe.each<Verification>(['secret', 'user-endpoint'])('C3 valid session → protected (%s verification)', (verification) => {
  const env = useEnv(verification);

  it('passes; the handler sees the user; claims mode makes no backend call, or one to the user endpoint without local keys', async () => {
    const cookie = await env.signIn();
    await env.send('/dashboard', { cookie });
    env.backend.controls.resetCounters();
    const probe = await probeOf(await env.send('/dashboard', { cookie }));
    expect(probe.user?.email).toBe('ada@example.com');
    const calls = env.backend.controls.calls('jwks') + env.backend.controls.calls('me') + env.backend.controls.calls('refresh');
    // Without local keys, `claims` is answered by the user endpoint (DESIGN §3.5: fall back to `user`).
    expect(calls).toBe(verification === 'user-endpoint' ? 1 : 0);
  });

  it('user mode (/admin) asks the backend and sees a revocation (C13)', async () => {
    const cookie = await env.signIn();
    env.backend.controls.resetCounters();
    expect((await probeOf(await env.send('/admin', { cookie }))).route).toBe('admin');
    expect(env.backend.controls.calls('me')).toBe(1);
    env.backend.controls.revokeUser('ada@example.com');
    const response = await env.send('/admin', { cookie });
    expect(location(response)).toBe('/login?next=%2Fadmin');
    expect(response.headers.getSetCookie().some((line) => /^lockstep-session=;.*Max-Age=0/.test(line))).toBe(true);
  });
});

describe('a gateway answers HTML instead of JSON (C11, C12)', () => {
  const env = useEnv('jwks');
  const html: TokenBackendFault = { kind: 'html' };

  it('C11: the access token is still valid → passes with it, no cookie change', async () => {
    const cookie = await env.signIn();
    await env.send('/dashboard', { cookie }); // key set cached
    env.backend.clock.advance(TOKEN_LIFETIME - 60);
    env.backend.controls.fail('refresh', html);
    const response = await env.send('/dashboard', { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(env.backend.controls.calls('refresh')).toBe(1);
  });

  it('C12: the token expired → cookies kept; page 503, API 503 JSON', async () => {
    const cookie = await env.expiredSession();
    env.backend.controls.fail('refresh', html);
    const page = await env.send('/dashboard', { cookie });
    expect(page.status).toBe(503);
    expect(page.headers.getSetCookie()).toEqual([]);
    const api = await env.send('/api/me', { cookie, as: 'api' });
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ error: 'auth_unavailable' });
    expect(api.headers.getSetCookie()).toEqual([]);
  });
});
