// The issuer's metadata (OpenID Connect Discovery 1.0): fetched on first use, validated, cached.
import type { ProviderEnvironment, UnavailableCause } from '@lockstep/core';
import type { OidcConfig } from './oidc-config.js';
import { getJson } from './oauth-call.js';

/** The endpoints the provider uses. */
export interface OidcMetadata {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly jwksUri: string;
  readonly userinfoEndpoint: string | null;
  readonly endSessionEndpoint: string | null;
  readonly revocationEndpoint: string | null;
  /** The provider names itself in authorization responses (RFC 9207): a response without `iss` is then refused. */
  readonly issParameterSupported: boolean;
}

/** The metadata, or why it could not be had (never a reason to sign anyone out). */
export type DiscoveryResult =
  | { readonly kind: 'ok'; readonly metadata: OidcMetadata }
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause; readonly status?: number };

/** Lazy, cached, single-flight discovery. */
export interface Discovery {
  get(now: number): Promise<DiscoveryResult>;
}

// A failed discovery is not retried on every request: at most once per this many seconds.
const FAILURE_COOLDOWN_SECONDS = 5;

/**
 * Creates the discovery of one provider instance. A good document is kept for the instance's life
 * (endpoints do not move under a running app); a failure is remembered for a few seconds, so an
 * outage costs one call per cooldown, not one per request. Concurrent callers share one fetch.
 *
 * @example
 * const discovery = createDiscovery(config, environment);
 * const result = await discovery.get(now); // { kind: 'ok', metadata: { tokenEndpoint, … } }
 */
export function createDiscovery(config: OidcConfig, environment: ProviderEnvironment): Discovery {
  let cached: Extract<DiscoveryResult, { kind: 'ok' }> | null = null;
  let failure: { result: DiscoveryResult; until: number } | null = null;
  let pending: Promise<DiscoveryResult> | null = null;
  const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;

  async function load(now: number): Promise<DiscoveryResult> {
    const answer = await getJson(environment, url);
    let result: DiscoveryResult;
    if (answer.kind === 'unavailable') result = answer.status === undefined ? { kind: 'unavailable', cause: answer.cause } : { kind: 'unavailable', cause: answer.cause, status: answer.status };
    else if (answer.kind === 'error') result = { kind: 'unavailable', cause: 'unknown_refusal', status: answer.status };
    else {
      const metadata = toMetadata(answer.body, config.issuer);
      result = metadata === null ? { kind: 'unavailable', cause: 'protocol', status: answer.status } : { kind: 'ok', metadata };
    }
    if (result.kind === 'ok') cached = result;
    else failure = { result, until: now + FAILURE_COOLDOWN_SECONDS };
    return result;
  }

  return Object.freeze({
    get(now: number): Promise<DiscoveryResult> {
      if (cached !== null) return Promise.resolve(cached);
      if (failure !== null && now < failure.until) return Promise.resolve(failure.result);
      pending ??= load(now).finally(() => {
        pending = null;
      });
      return pending;
    },
  });
}

/**
 * Reads a discovery document, or `null` when it is unusable: the `issuer` must equal the configured
 * one exactly (Discovery §4.3: a mix-up otherwise), the three required endpoints must be there, and
 * every endpoint must use the issuer's scheme. A document that lists PKCE methods must list S256.
 */
export function toMetadata(body: unknown, issuer: string): OidcMetadata | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const document = body as Record<string, unknown>;
  if (document.issuer !== issuer) return null;
  const scheme = new URL(issuer).protocol;
  const endpoint = (name: string): string | null | undefined => {
    const value = document[name];
    if (value === undefined) return null;
    if (typeof value !== 'string') return undefined;
    try {
      const url = new URL(value);
      return url.protocol === scheme && url.hash === '' ? url.href : undefined;
    } catch {
      // Not a URL: the document is unusable.
      return undefined;
    }
  };
  const methods = document.code_challenge_methods_supported;
  if (methods !== undefined && !(Array.isArray(methods) && methods.includes('S256'))) return null;
  const authorizationEndpoint = endpoint('authorization_endpoint');
  const tokenEndpoint = endpoint('token_endpoint');
  const jwksUri = endpoint('jwks_uri');
  const userinfoEndpoint = endpoint('userinfo_endpoint');
  const endSessionEndpoint = endpoint('end_session_endpoint');
  const revocationEndpoint = endpoint('revocation_endpoint');
  if (!authorizationEndpoint || !tokenEndpoint || !jwksUri) return null;
  if (userinfoEndpoint === undefined || endSessionEndpoint === undefined || revocationEndpoint === undefined) return null;
  const issParameterSupported = document.authorization_response_iss_parameter_supported === true;
  return Object.freeze({ issuer, authorizationEndpoint, tokenEndpoint, jwksUri, userinfoEndpoint, endSessionEndpoint, revocationEndpoint, issParameterSupported });
}
