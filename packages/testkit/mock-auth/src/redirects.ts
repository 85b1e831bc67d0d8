// Redirect targets: `redirect_to` if it is an absolute http(s) URL, else `SITE_URL` (spec §2.7).
import type { MockAuthState } from './state.js';

/** Resolves `redirect_to`; the mock allows any http(s) URL (the real server checks an allow list). */
export function resolveRedirect(state: MockAuthState, redirectTo: string | null): string {
  if (redirectTo === null || redirectTo === '' || !URL.canParse(redirectTo)) return state.options.siteUrl;
  const { protocol } = new URL(redirectTo);
  return protocol === 'http:' || protocol === 'https:' ? redirectTo : state.options.siteUrl;
}

/** Appends query parameters to `target`, keeping its existing ones. */
export function withQuery(target: string, params: Readonly<Record<string, string>>): string {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/** Replaces the fragment of `target` with form-encoded `params`, keys sorted (Go `url.Values.Encode`). */
export function withFragment(target: string, params: Readonly<Record<string, string>>): string {
  const url = new URL(target);
  const sorted = new URLSearchParams(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  url.hash = sorted.toString();
  return url.toString();
}
