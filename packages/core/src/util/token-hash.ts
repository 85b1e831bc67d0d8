// Turns a token into a cache key, so no cache, store or event ever holds the token itself (DESIGN §3.4).

const encoder = new TextEncoder();

/**
 * SHA-256 of the token, base64url without padding. Web Crypto only, so it runs on every runtime.
 *
 * @example
 * const key = await hashToken(refreshToken); // 43 characters, safe to log or store
 */
export async function hashToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
