// The provider as the engine uses it: its refusals held to the form events and 401 bodies can carry.
import { isRefusalCode, type RefreshResult } from '../refresh/refresh-result.js';
import type { SessionProvider } from './session-provider.js';

/**
 * Wraps a provider so a refusal code outside its declared form (snake case, ≤ 64 characters) or
 * outside its `refusalCodes` becomes `invalid_grant`: still a final refusal, as the provider said,
 * but never an arbitrary string in an event, a log line or a response body.
 */
export function checkedProvider(provider: SessionProvider): SessionProvider {
  const declared = new Set<string>(Array.isArray(provider.refusalCodes) ? provider.refusalCodes : []);
  const refresh = provider.refresh.bind(provider);
  const checkedRefresh = async (refreshToken: string, now: number): Promise<RefreshResult> => {
    const result = await refresh(refreshToken, now);
    if (result.kind !== 'rejected' || (isRefusalCode(result.reason) && declared.has(result.reason))) return result;
    return { kind: 'rejected', reason: 'invalid_grant' };
  };
  // Defined, not assigned: assigning over a frozen provider's own `refresh` through the prototype throws.
  return Object.freeze(Object.create(provider, { refresh: { value: checkedRefresh, enumerable: true } }) as SessionProvider);
}
