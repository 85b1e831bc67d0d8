// Reads a form-encoded request and authenticates the client (RFC 6749 §2.3: Basic, form, or none for public clients).
import { timingSafeEqual } from 'node:crypto';
import type { RegisteredClient } from './mock-context.js';
import { oauthError } from './oauth-error.js';

/** A form body, or an OAuth error answer when the request is not one. */
export async function readForm(request: Request): Promise<URLSearchParams | Response> {
  const type = request.headers.get('content-type') ?? '';
  if (request.method !== 'POST' || !type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'POST with application/x-www-form-urlencoded expected');
  }
  return new URLSearchParams(await request.text());
}

/**
 * The authenticated client id, or the `invalid_client` answer (401). A public client (no secret
 * registered) only names itself with `client_id`; a confidential one must prove its secret once.
 */
export function authenticateClient(request: Request, form: URLSearchParams, client: RegisteredClient): string | Response {
  const basic = parseBasic(request.headers.get('authorization'));
  const bodyId = form.get('client_id');
  const bodySecret = form.get('client_secret');
  if (basic !== null && bodySecret !== null) return oauthError(400, 'invalid_request', 'more than one client authentication method');
  const id = basic?.id ?? bodyId;
  const secret = basic?.secret ?? bodySecret;
  const challenge: Record<string, string> = basic === null ? {} : { 'www-authenticate': 'Basic realm="mock-oidc"' };
  if (id === null || id !== client.clientId) return oauthError(401, 'invalid_client', 'unknown client', challenge);
  if (client.clientSecret === null) return secret === null ? id : oauthError(401, 'invalid_client', 'public client sent a secret', challenge);
  if (secret === null || !sameText(secret, client.clientSecret)) return oauthError(401, 'invalid_client', 'client authentication failed', challenge);
  return id;
}

// RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined and base64-encoded.
function parseBasic(header: string | null): { id: string; secret: string } | null {
  if (header === null || !/^Basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')), secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')) };
  } catch {
    // Broken percent-encoding: treated as no credentials, so the client is refused.
    return null;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
