// PKCE helpers: challenge validation on the way in and verifier checking on exchange (spec §2.6).
import { createHash } from 'node:crypto';
import { apiError, type ApiError } from './api-error.js';

const CHALLENGE_RE = /^[A-Za-z0-9._~-]{43,128}$/;

/** A validated PKCE request: none, or a challenge and its method. */
export type PkceParams =
  | { readonly kind: 'none' }
  | { readonly kind: 'pkce'; readonly challenge: string; readonly method: 's256' | 'plain' }
  | { readonly kind: 'invalid'; readonly error: ApiError };

/** Validates `code_challenge` / `code_challenge_method` (both absent, or both valid). */
export function readPkceParams(challenge: unknown, method: unknown): PkceParams {
  const hasChallenge = typeof challenge === 'string' && challenge !== '';
  const hasMethod = typeof method === 'string' && method !== '';
  if (!hasChallenge && !hasMethod) return { kind: 'none' };
  const invalid = (message: string): PkceParams => ({ kind: 'invalid', error: apiError(400, 'validation_failed', message) });
  if (!hasChallenge || !hasMethod) return invalid('PKCE flow requires code_challenge_method and code_challenge');
  const normalized = method.toLowerCase();
  if (normalized !== 's256' && normalized !== 'plain') return invalid(`code challenge method not supported: ${normalized}`);
  if (!CHALLENGE_RE.test(challenge)) return invalid('code challenge has to be between 43 and 128 characters');
  return { kind: 'pkce', challenge, method: normalized };
}

/** Whether `verifier` matches the stored challenge. */
export function verifierMatches(verifier: string, challenge: string, method: 's256' | 'plain'): boolean {
  if (method === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
