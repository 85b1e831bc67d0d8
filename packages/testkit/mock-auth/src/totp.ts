// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s steps) and the `otpauth://` URI, as GoTrue's TOTP factors use them.
import { createHmac, randomBytes } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** GoTrue's settings: 30-second period, 6 digits, SHA-1, one step of skew either way. */
export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;

/** RFC 4648 base32 without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case-insensitive, padding ignored); throws on other characters. */
export function base32Decode(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/=+$/, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new TypeError('not a base32 string');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** A new 160-bit secret in base32 (32 characters), the size GoTrue's TOTP library generates. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** RFC 4226 HOTP of `counter` with the raw `key`, `digits` long. */
export function hotp(key: Uint8Array, counter: number, digits = DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The TOTP code of a base32 `secret` at `epochMs` (RFC 6238: SHA-1, 30 s, 6 digits) — what an
 * authenticator app shows. Tests use it to answer a factor's challenge.
 *
 * @example
 * const code = totpCode(enrolled.totp.secret, mock.controls.clock.now());
 */
export function totpCode(secret: string, epochMs: number): string {
  return hotp(base32Decode(secret), Math.floor(epochMs / 1000 / TOTP_PERIOD_SECONDS));
}

/** Whether `code` matches the step at `epochMs` or one step either side (GoTrue's skew of 1). */
export function verifyTotp(secret: string, code: string, epochMs: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const key = base32Decode(secret);
  const step = Math.floor(epochMs / 1000 / TOTP_PERIOD_SECONDS);
  return [step - 1, step, step + 1].some((s) => s >= 0 && hotp(key, s) === code);
}

/** `otpauth://totp/<issuer>:<account>?algorithm=SHA1&digits=6&issuer=<issuer>&period=30&secret=<secret>`. */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  // Path escaping that keeps `@` and `:`, like Go's url.URL; query keys sorted like url.Values.Encode.
  const label = encodeURIComponent(`${issuer}:${account}`).replaceAll('%40', '@').replaceAll('%3A', ':');
  const query = new URLSearchParams([
    ['algorithm', 'SHA1'],
    ['digits', String(DIGITS)],
    ['issuer', issuer],
    ['period', String(TOTP_PERIOD_SECONDS)],
    ['secret', secret],
  ]);
  return `otpauth://totp/${label}?${query.toString()}`;
}
