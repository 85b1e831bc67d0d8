import { describe, expect, expectTypeOf, it } from 'vitest';
import { createLockstep } from './lockstep.js';
import { checkedProvider } from './session/checked-provider.js';
import type { SessionProvider } from './session/session-provider.js';
import { stubProviderInstance } from './session/test-support/stub-provider.js';

const GRANT = () => Promise.resolve({ kind: 'rejected' as const, code: 'invalid_credentials' });

describe('the instance follows its provider', () => {
  it('has no signInWithPassword, exchangeCode or dataClient when the provider has none (a type error to call)', () => {
    const { signInWithPassword: _p, completeCallback: _c, dataClient: _d, ...bare } = stubProviderInstance();
    const instance = createLockstep({ provider: () => bare });
    // @ts-expect-error -- the stub provider's type has no password sign-in
    expect(instance.signInWithPassword).toBeUndefined();
    // @ts-expect-error -- nor a callback
    expect(instance.exchangeCode).toBeUndefined();
    // @ts-expect-error -- nor a data client
    expect(instance.dataClient).toBeUndefined();
  });

  it('has them, typed, when the provider does', () => {
    const provider = { ...stubProviderInstance(), signInWithPassword: GRANT, dataClient: (token: string) => ({ token }) };
    const instance = createLockstep({ provider: () => provider });
    expectTypeOf(instance.signInWithPassword).toBeFunction();
    expectTypeOf(instance.dataClient).returns.toEqualTypeOf<{ token: string }>();
    expect(typeof instance.signInWithPassword).toBe('function');
  });

  it('makes them optional for the general SessionProvider type', () => {
    const provider: SessionProvider = stubProviderInstance();
    const instance = createLockstep({ provider: () => provider });
    expectTypeOf(instance.signInWithPassword).toEqualTypeOf<((...args: Parameters<NonNullable<typeof instance.signInWithPassword>>) => ReturnType<NonNullable<typeof instance.signInWithPassword>>) | undefined>();
  });
});

describe('checkedProvider: a refusal reaches the engine only in a declared, well-formed code', () => {
  const refusing = (reason: string): SessionProvider =>
    checkedProvider(stubProviderInstance({ refusalCodes: ['refresh_token_already_used'], refresh: () => Promise.resolve({ kind: 'rejected', reason }) }));

  it.each([
    ['a declared code', 'refresh_token_already_used', 'refresh_token_already_used'],
    ['an undeclared code', 'session_expired', 'invalid_grant'],
    ['text that is no code', 'Token <b>expired</b>', 'invalid_grant'],
    ['a code too long to be one', 'a'.repeat(65), 'invalid_grant'],
  ])('%s', async (_name, reason, expected) => {
    expect(await refusing(reason).refresh('rt', 0)).toEqual({ kind: 'rejected', reason: expected });
  });

  it('wraps a frozen provider (providers freeze themselves)', async () => {
    const frozen = Object.freeze(stubProviderInstance({ refresh: () => Promise.resolve({ kind: 'rejected', reason: 'Nope' }) }));
    expect(await checkedProvider(frozen).refresh('rt', 0)).toEqual({ kind: 'rejected', reason: 'invalid_grant' });
  });

  it('passes other answers through untouched', async () => {
    const provider = checkedProvider(stubProviderInstance());
    expect(await provider.refresh('rt', 0)).toEqual({ kind: 'unavailable', cause: 'network' });
    expect(provider.cookieName).toBe('stub-session');
  });
});
