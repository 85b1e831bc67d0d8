// What one provider instance builds lazily from the discovered metadata: the verifiers, with the instance's effects.
import type { ProviderEnvironment } from '@lockstep/core';
import { prefixStorageKey } from '@lockstep/core/cookies';
import { createClaimsVerifier, createServerCheckGate, type ClaimsVerifier } from '@lockstep/core/verify';
import { createDiscovery, type Discovery, type DiscoveryResult, type OidcMetadata } from './discovery.js';
import type { OidcConfig } from './oidc-config.js';

/** The discovered endpoints and the verifiers built for them, or why they are not available yet. */
export type Resolved =
  | { readonly kind: 'ok'; readonly metadata: OidcMetadata; readonly accessTokens: ClaimsVerifier; readonly idTokens: ClaimsVerifier }
  | Extract<DiscoveryResult, { kind: 'unavailable' }>;

/** Per-instance state: discovery, the verifiers (built once, on first success), the userinfo budget. */
export interface OidcRuntime {
  readonly config: OidcConfig;
  readonly environment: ProviderEnvironment;
  /** The session cookie's name as written: `__Host-` first when the app's cookie settings ask for it. */
  readonly cookieName: string;
  readonly discovery: Discovery;
  readonly serverChecks: ReturnType<typeof createServerCheckGate>;
  resolve(now: number): Promise<Resolved>;
}

/** Creates the runtime of one instance (one `createLockstep`). */
export function createRuntime(config: OidcConfig, environment: ProviderEnvironment): OidcRuntime {
  const discovery = createDiscovery(config, environment);
  let built: Extract<Resolved, { kind: 'ok' }> | null = null;
  const verifier = (metadata: OidcMetadata, audience: string | readonly string[]): ClaimsVerifier =>
    createClaimsVerifier({
      jwksUrl: new URL(metadata.jwksUri),
      issuer: config.issuer,
      audience,
      fetch: environment.fetch,
      timeoutMs: environment.timeoutMs,
      ...(environment.sha256 === undefined ? {} : { sha256: environment.sha256 }),
      ...(environment.hashToken === undefined ? {} : { hashToken: environment.hashToken }),
    });
  return Object.freeze({
    config,
    environment,
    cookieName: prefixStorageKey(config.cookieName, environment.cookies),
    discovery,
    serverChecks: createServerCheckGate({ perMinute: config.serverChecksPerMinute, maxEntries: 10_000 }),
    async resolve(now: number): Promise<Resolved> {
      if (built !== null) return built;
      const result = await discovery.get(now);
      if (result.kind !== 'ok') return result;
      // ID tokens are for this client (OIDC Core §3.1.3.7); access tokens for the configured audience.
      built ??= { kind: 'ok', metadata: result.metadata, accessTokens: verifier(result.metadata, config.audience), idTokens: verifier(result.metadata, config.clientId) };
      return built;
    },
  });
}
