// Email validation as GoTrue's `validateEmail` does it (required, <= 255 characters, checkmail's format).
import { apiError, type ApiError } from './api-error.js';

// The address grammar of the checkmail library GoTrue uses: a dot-atom local part, LDH domain labels.
const EMAIL_FORMAT =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** The lower-cased address, or GoTrue's 400 `validation_failed` error. */
export function validateEmail(email: string): { kind: 'ok'; email: string } | { kind: 'invalid'; error: ApiError } {
  const invalid = (message: string) => ({ kind: 'invalid' as const, error: apiError(400, 'validation_failed', message) });
  if (email === '') return invalid('An email address is required');
  if (email.length > 255) return invalid('An email address is too long');
  if (!EMAIL_FORMAT.test(email)) return invalid('Unable to validate email address: invalid format');
  return { kind: 'ok', email: email.toLowerCase() };
}
