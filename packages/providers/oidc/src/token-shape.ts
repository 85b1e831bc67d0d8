// What a token string may look like before it goes into a cookie or an Authorization header.

/** Longest token accepted from a provider or a cookie; anything longer is junk. */
export const MAX_TOKEN_LENGTH = 16_384;

/** A non-empty token of printable ASCII without spaces, not oversized. */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(value);
}

/** Whether a token has a JWT's three-part compact shape (it may still be undecodable). */
export function isJwtShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}
