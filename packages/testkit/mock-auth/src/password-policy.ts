// The default password policy: at least 6 characters (`weak_password`, spec §1.4).
import { apiError, type ApiError } from './api-error.js';

/** Minimum password length of GoTrue's default configuration. */
export const MIN_PASSWORD_LENGTH = 6;

/** Returns the `weak_password` error for a too-short password, or `null`. */
export function checkPassword(password: string): ApiError | null {
  if (password.length >= MIN_PASSWORD_LENGTH) return null;
  return apiError(422, 'weak_password', `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`, {
    weak_password: { reasons: ['length'] },
  });
}
