// `GET /.well-known/jwks.json`, `/.well-known/openid-configuration`, `/health` and `/settings` (spec §2.9, §2.10).
import { json, type Handler } from './handler-types.js';

/** `GET /.well-known/jwks.json`: public asymmetric keys only; cacheable for 10 minutes. */
export const jwks: Handler = (state) =>
  Promise.resolve(json(200, state.keys.jwks, { 'Cache-Control': 'public, max-age=600' }));

/**
 * `GET /.well-known/openid-configuration`: the issuer and the JWKS URL (both under the public URL).
 * The OAuth 2.1 server endpoints GoTrue also lists are left out: the mock does not serve them.
 */
export const openIdConfiguration: Handler = (state) =>
  Promise.resolve(
    json(
      200,
      {
        issuer: state.issuer,
        jwks_uri: `${state.issuer}/.well-known/jwks.json`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256', 'HS256', 'ES256'],
        code_challenge_methods_supported: ['S256', 'plain'],
      },
      { 'Cache-Control': 'public, max-age=600' },
    ),
  );

/** `GET /health`. */
export const health: Handler = () =>
  Promise.resolve(json(200, { version: 'lockstep-mock', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' }));

/** `GET /settings`: provider toggles. */
export const settings: Handler = (state) => {
  const external: Record<string, boolean> = { email: true, phone: state.settings.phoneEnabled, anonymous_users: state.settings.anonymousSignIns };
  for (const provider of state.options.oauthProviders) external[provider] = true;
  return Promise.resolve(
    json(200, {
      external,
      disable_signup: state.settings.disableSignup,
      mailer_autoconfirm: state.settings.autoconfirm,
      phone_autoconfirm: state.settings.phoneAutoconfirm,
      sms_provider: '',
      saml_enabled: false,
    }),
  );
};
