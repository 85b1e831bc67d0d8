// A provider with no backend behind it: every request is anonymous. For tests of what the engine
// decides before any provider is asked (options, routes, effects).
import type { ProviderFactory } from '../../options.js';
import type { SessionProvider } from '../session-provider.js';

export const stubProvider: ProviderFactory = () => stubProviderInstance();

export function stubProviderInstance(overrides: Partial<SessionProvider> = {}): SessionProvider {
  return {
    cookieName: 'stub-session',
    authUrl: 'https://auth.invalid/',
    refusalCodes: ['invalid_grant'],
    readSession: () => Promise.resolve({ kind: 'none' }),
    planWrite: () => [],
    refresh: () => Promise.resolve({ kind: 'unavailable', cause: 'network' }),
    check: () => Promise.resolve({ kind: 'rejected', reason: 'invalid_token' }),
    peekToken: () => null,
    ...overrides,
  };
}
