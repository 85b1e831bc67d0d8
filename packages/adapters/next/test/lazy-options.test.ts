// Options are read at the first request, not at import: `next build` imports the modules without the run-time environment (issue #17).
import { createMockLockstep } from '@lockstep/contract-tests';
import { createLockstep, LockstepError, type LockstepOptions } from '@lockstep/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { lockstepProxy } from '../src/index.js';
import { createServerAuth } from '../src/server/index.js';
import { buildEnv, NEXT15_BUILD, NEXT16_BUILD } from './build-fixture.js';

/** What `{ supabaseUrl: process.env.SUPABASE_URL! }` is during a build without the variables. */
const unset = { supabaseUrl: undefined, supabaseKey: undefined } as unknown as LockstepOptions;
const request = (): NextRequest => new NextRequest('http://app.test/dashboard', { headers: { accept: 'text/html' } });

describe('lazy options (the default)', () => {
  it('creating the proxy and the server helpers from missing options does not throw', () => {
    expect(() => lockstepProxy(unset)).not.toThrow();
    expect(() => createServerAuth(unset)).not.toThrow();
    expect(() => lockstepProxy(() => unset)).not.toThrow();
  });

  it('the first request reports the configuration error, and so does every later one until it is fixed', async () => {
    const proxy = lockstepProxy(unset);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error: unknown = await proxy(request()).then(() => null, (thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(LockstepError);
      expect((error as LockstepError).code).toBe('ERR_CONFIG_INVALID');
    }
    const auth = createServerAuth(unset);
    await expect(auth.guardHandler(new Request('http://app.test/api/me'))).rejects.toBeInstanceOf(LockstepError);
  });

  it('valid options create one instance at the first request, shared by every later one', async () => {
    const setup = await createMockLockstep();
    let created = 0;
    const proxy = lockstepProxy(() => {
      created += 1;
      return setup.instance;
    });
    expect(created).toBe(0);
    const [first, second] = await Promise.all([proxy(request()), proxy(request())]);
    expect(first.status).toBe(307);
    expect(second.status).toBe(307);
    expect(created).toBe(1);
  });

  it('the eager form (a createLockstep instance) still fails at import', () => {
    expect(() => lockstepProxy(createLockstep(unset))).toThrow(LockstepError);
  });
});

describe('the fixture builds without the run-time environment', () => {
  it('next build gets no SUPABASE_* or LOCKSTEP_* variable, whatever the runner has', () => {
    const env = buildEnv({ PATH: '/bin', SUPABASE_URL: 'http://x', SUPABASE_ANON_KEY: 'k', LOCKSTEP_OPTIONS: '{}' });
    expect(Object.keys(env).sort()).toEqual(['NEXT_TELEMETRY_DISABLED', 'PATH']);
  });

  it.each([NEXT16_BUILD, NEXT15_BUILD])('the env-based Route Handler is part of the build ($dir)', ({ dir }) => {
    // globalSetup ran `next build` with buildEnv(); with eager options it fails while collecting this route.
    expect(existsSync(join(dir, '.next/server/app/bypass/env-options/route.js'))).toBe(true);
  });
});
