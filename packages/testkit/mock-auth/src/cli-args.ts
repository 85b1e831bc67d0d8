// Parses the CLI's flags and environment into mock options (flags win over env).
import { parseArgs } from 'node:util';
import { MockAuthConfigError, type MockAuthOptions, type SeedUser } from './options.js';

/** The CLI usage text. */
export const USAGE = `Usage: lockstep-mock-auth [options]

  --port <n>              MOCK_AUTH_PORT             port on 127.0.0.1 (default 54321; 0 = any free port)
  --token-lifetime <s>    MOCK_AUTH_TOKEN_LIFETIME   access-token lifetime in seconds (default 3600)
  --reuse-interval <s>    MOCK_AUTH_REUSE_INTERVAL   refresh-token reuse interval in seconds (default 10)
  --jwt-algorithm <alg>   MOCK_AUTH_JWT_ALGORITHM    ES256 (default), RS256 or HS256
  --jwt-secret <secret>   MOCK_AUTH_JWT_SECRET       HS256 secret, >= 32 characters (default random)
  --user <email:pass>     MOCK_AUTH_USERS            seed user; repeat the flag, or comma-separate in env
  --site-url <url>        MOCK_AUTH_SITE_URL         default redirect target
  --public-url <url>      MOCK_AUTH_PUBLIC_URL       project URL as apps reach it (proxy, gateway, port
                                                     mapping): sets the JWT issuer, links and JWKS URL
  --no-autoconfirm        MOCK_AUTH_AUTOCONFIRM=false  require email confirmation on sign-up
  --require-api-key       MOCK_AUTH_REQUIRE_API_KEY=true  reject requests without an apikey header
  --new-api-keys          MOCK_AUTH_NEW_API_KEYS=true     also issue and accept sb_publishable_/sb_secret_ keys
  --anonymous-sign-ins    MOCK_AUTH_ANONYMOUS_SIGN_INS=true  allow signInAnonymously
  --disable-signup        MOCK_AUTH_DISABLE_SIGNUP=true   refuse every new user
  --manual-linking        MOCK_AUTH_MANUAL_LINKING=true   allow linkIdentity / unlinkIdentity
  --phone                 MOCK_AUTH_PHONE=true            allow phone sign-up and sign-in (SMS codes via the controls)
  --mfa-phone             MOCK_AUTH_MFA_PHONE=true        allow phone MFA factors
  --help
`;

/** The CLI's default port, the Supabase CLI's API port. */
export const CLI_DEFAULT_PORT = 54321;

/** What the CLI should do. */
export type CliCommand = { readonly kind: 'help' } | { readonly kind: 'start'; readonly options: MockAuthOptions };

/**
 * Turns argv and env into a command; throws {@link MockAuthConfigError} on bad input.
 *
 * @example
 * parseCli(['--port', '0'], {}); // { kind: 'start', options: { port: 0, ... } }
 */
export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'token-lifetime': { type: 'string' },
        'reuse-interval': { type: 'string' },
        'jwt-algorithm': { type: 'string' },
        'jwt-secret': { type: 'string' },
        user: { type: 'string', multiple: true },
        'site-url': { type: 'string' },
        'public-url': { type: 'string' },
        'no-autoconfirm': { type: 'boolean' },
        'require-api-key': { type: 'boolean' },
        'new-api-keys': { type: 'boolean' },
        'anonymous-sign-ins': { type: 'boolean' },
        'disable-signup': { type: 'boolean' },
        'manual-linking': { type: 'boolean' },
        phone: { type: 'boolean' },
        'mfa-phone': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new MockAuthConfigError(error instanceof Error ? error.message : 'invalid arguments');
  }
  if (values.help === true) return { kind: 'help' };
  const num = (flag: string | undefined, envName: string): number | undefined => {
    const raw = flag ?? env[envName];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new MockAuthConfigError(`${envName} must be a number`);
    return value;
  };
  const algorithm = values['jwt-algorithm'] ?? env.MOCK_AUTH_JWT_ALGORITHM;
  if (algorithm !== undefined && algorithm !== 'ES256' && algorithm !== 'RS256' && algorithm !== 'HS256') {
    throw new MockAuthConfigError('jwt algorithm must be ES256, RS256 or HS256');
  }
  const userSpecs = values.user ?? (env.MOCK_AUTH_USERS ?? '').split(',').filter((s) => s.trim() !== '');
  const options: MockAuthOptions = {
    port: num(values.port, 'MOCK_AUTH_PORT') ?? CLI_DEFAULT_PORT,
    tokenLifetimeSeconds: num(values['token-lifetime'], 'MOCK_AUTH_TOKEN_LIFETIME'),
    reuseIntervalSeconds: num(values['reuse-interval'], 'MOCK_AUTH_REUSE_INTERVAL'),
    jwtAlgorithm: algorithm,
    jwtSecret: values['jwt-secret'] ?? env.MOCK_AUTH_JWT_SECRET,
    siteUrl: values['site-url'] ?? env.MOCK_AUTH_SITE_URL,
    publicUrl: nonEmpty(values['public-url'] ?? env.MOCK_AUTH_PUBLIC_URL),
    autoconfirm: values['no-autoconfirm'] === true ? false : env.MOCK_AUTH_AUTOCONFIRM !== 'false',
    requireApiKey: values['require-api-key'] ?? env.MOCK_AUTH_REQUIRE_API_KEY === 'true',
    newApiKeys: values['new-api-keys'] ?? env.MOCK_AUTH_NEW_API_KEYS === 'true',
    anonymousSignIns: values['anonymous-sign-ins'] ?? env.MOCK_AUTH_ANONYMOUS_SIGN_INS === 'true',
    disableSignup: values['disable-signup'] ?? env.MOCK_AUTH_DISABLE_SIGNUP === 'true',
    manualLinking: values['manual-linking'] ?? env.MOCK_AUTH_MANUAL_LINKING === 'true',
    phoneEnabled: values.phone ?? env.MOCK_AUTH_PHONE === 'true',
    mfaPhoneEnabled: values['mfa-phone'] ?? env.MOCK_AUTH_MFA_PHONE === 'true',
    users: userSpecs.map(parseUser),
  };
  return { kind: 'start', options };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseUser(spec: string): SeedUser {
  const at = spec.indexOf(':');
  if (at <= 0) throw new MockAuthConfigError('users are given as email:password');
  return { email: spec.slice(0, at).trim(), password: spec.slice(at + 1) };
}
