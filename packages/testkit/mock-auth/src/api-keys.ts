// What the Supabase gateway does with API keys before GoTrue sees a request: an optional `apikey`
// requirement, and the new `sb_publishable_`/`sb_secret_` keys swapped for the matching legacy JWT.
import type { KeyMaterial } from './keys.js';

/** The request headers GoTrue sees, or the gateway's own 401 (a body without an error code). */
export type GatewayOutcome =
  | { readonly kind: 'pass'; readonly headers: Headers }
  | { readonly kind: 'refuse'; readonly body: { readonly message: string } };

const NEW_KEY_PREFIX = 'sb_';
const BEARER_RE = /^bearer (\S+)$/i;

/** The legacy JWT a new-format key stands for, or `null` for an unknown one (or when they are off). */
function legacyKeyFor(keys: KeyMaterial, key: string): string | null {
  if (keys.publishableKey !== null && key === keys.publishableKey) return keys.anonKey;
  if (keys.secretKey !== null && key === keys.secretKey) return keys.serviceRoleKey;
  return null;
}

/**
 * Applies the gateway rules: with `requireApiKey` a request needs `apikey`; a new-format key in
 * `apikey` or as the Bearer must be one of this project's, and a Bearer new-format key becomes the
 * anon or service-role JWT (a user's JWT as Bearer passes unchanged).
 */
export function passGateway(keys: KeyMaterial, requireApiKey: boolean, headers: Headers): GatewayOutcome {
  const apikey = headers.get('apikey');
  if (apikey === null && requireApiKey) return { kind: 'refuse', body: { message: 'No API key found in request' } };
  const invalid: GatewayOutcome = { kind: 'refuse', body: { message: 'Invalid API key' } };
  if (apikey !== null && apikey.startsWith(NEW_KEY_PREFIX) && legacyKeyFor(keys, apikey) === null) return invalid;
  const bearer = BEARER_RE.exec(headers.get('authorization') ?? '')?.[1];
  if (bearer === undefined || !bearer.startsWith(NEW_KEY_PREFIX)) return { kind: 'pass', headers };
  const legacy = legacyKeyFor(keys, bearer);
  if (legacy === null) return invalid;
  const swapped = new Headers(headers);
  swapped.set('authorization', `Bearer ${legacy}`);
  return { kind: 'pass', headers: swapped };
}
