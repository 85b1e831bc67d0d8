// Phone validation as GoTrue's `validatePhone`: strip a leading `+` and spaces, then require E.164 digits.
import { apiError, type ApiError } from './api-error.js';

const E164 = /^[1-9]\d{1,14}$/;

/** The normalised number (digits only, no `+`), as GoTrue stores it, or its 400 `validation_failed` error. */
export function validatePhone(phone: string): { kind: 'ok'; phone: string } | { kind: 'invalid'; error: ApiError } {
  const normalised = phone.replace(/^\+/, '').replaceAll(' ', '');
  if (!E164.test(normalised)) {
    return { kind: 'invalid', error: apiError(400, 'validation_failed', 'Invalid phone number format (E.164 required)') };
  }
  return { kind: 'ok', phone: normalised };
}
