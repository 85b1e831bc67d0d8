// The browser side of the session cookie: the header @supabase/ssr's browser client would send, and a cookie jar.
import { createChunks, stringFromBase64URL, stringToBase64URL } from '@supabase/ssr';

/** The request `Cookie` header for a session body (`base64-` + base64url JSON, chunked like @supabase/ssr). */
export function sessionCookieHeader(storageKey: string, session: object): string {
  return createChunks(storageKey, `base64-${stringToBase64URL(JSON.stringify(session))}`)
    .map(({ name, value }) => `${name}=${value}`)
    .join('; ');
}

/** `sb-<first host label>-auth-token`, the storage key both sides derive from the project URL. */
export function storageKeyFor(supabaseUrl: string): string {
  return `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;
}

/**
 * One browser's cookies for the app's origin: every tab of a user shares it. Responses apply
 * their Set-Cookie when they arrive, in arrival order, so a late response overwrites a newer
 * cookie exactly as a real browser does.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** The `Cookie` header a request sent now carries. */
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Whether any cookie named `storageKey` or `storageKey.N` is set. */
  hasSession(storageKey: string): boolean {
    for (const name of this.#cookies.keys()) if (name === storageKey || name.startsWith(`${storageKey}.`)) return true;
    return false;
  }

  /** Replaces the whole jar with a session (a sign-in). */
  setSession(storageKey: string, session: object): void {
    this.#cookies.clear();
    for (const pair of sessionCookieHeader(storageKey, session).split('; ')) {
      const index = pair.indexOf('=');
      this.#cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }

  /** Applies a response's Set-Cookie headers; returns how many it wrote or deleted. */
  apply(response: Response): number {
    const lines = response.headers.getSetCookie();
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      if (index <= 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || attributes.some((attribute) => isExpiry(attribute.trim()))) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return lines.length;
  }
}

function isExpiry(attribute: string): boolean {
  const lower = attribute.toLowerCase();
  if (lower.startsWith('max-age=')) return Number(attribute.slice(8)) <= 0;
  if (lower.startsWith('expires=')) return Date.parse(attribute.slice(8)) <= 0;
  return false;
}

/** The refresh token of the session a response sets (chunks joined), or `null` when it sets none. */
export function refreshTokenSetBy(response: Response, storageKey: string): string | null {
  const parts = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    const index = pair.indexOf('=');
    const name = pair.slice(0, index).trim();
    const value = decodeURIComponent(pair.slice(index + 1).trim());
    if (value !== '' && (name === storageKey || name.startsWith(`${storageKey}.`))) parts.set(name, value);
  }
  const joined = parts.get(storageKey) ?? [...Array(parts.size).keys()].map((i) => parts.get(`${storageKey}.${i}`) ?? '').join('');
  if (!joined.startsWith('base64-')) return null;
  const session = JSON.parse(stringFromBase64URL(joined.slice('base64-'.length))) as { refresh_token?: unknown };
  return typeof session.refresh_token === 'string' ? session.refresh_token : null;
}
