// Why a fetch to the auth server failed, as a stable code an operator can act on, never a secret.

// Error codes are identifiers (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_CONNECT_TIMEOUT`, `CERT_HAS_EXPIRED`).
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
// Messages are not passed on (they may quote a URL or a host); only these few, which have no code, are named.
const KNOWN_MESSAGES: ReadonlyMap<string, string> = new Map([
  ['bad port', 'BAD_PORT'],
  ['invalid url', 'INVALID_URL'],
]);

/**
 * A code for why `fetch` rejected, from the error or its `cause` chain (undici wraps the socket
 * error: `TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })`), or `undefined` when
 * none is recognisable. Only identifier-shaped codes and a fixed list of messages leave here.
 *
 * @example
 * networkFailureDetail(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) })); // → 'ENOTFOUND'
 */
export function networkFailureDetail(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && CODE.test(code)) return code;
    if (typeof message === 'string') {
      const known = KNOWN_MESSAGES.get(message.toLowerCase());
      if (known !== undefined) return known;
    }
    current = cause;
  }
  return undefined;
}
