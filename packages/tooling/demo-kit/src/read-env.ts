// Turns the process environment into DemoOptions; a bad value stops the start with a clear message.
import type { DemoOptions, EmbeddedMockOptions, SupabaseTarget } from './demo-options.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Options of `readEnv`. */
export interface ReadEnvOptions {
  /**
   * A second name to read where a variable is unset (or blank), e.g.
   * `{ SUPABASE_URL: 'NEXT_PUBLIC_SUPABASE_URL' }` for an app whose own build reads the public names.
   * @default {}
   */
  readonly fallbacks?: Readonly<Record<string, string>>;
}

/**
 * Reads `PORT`, `HOST`, `SUPABASE_URL`, `SUPABASE_ANON_KEY`, `SUPABASE_JWT_SECRET` and, for the
 * embedded mock, `MOCK_TOKEN_LIFETIME`, `DEMO_EMAIL`, `DEMO_PASSWORD`.
 *
 * @example
 * const options = readEnv(process.env);
 */
export function readEnv(source: Env, { fallbacks }: ReadEnvOptions = {}): DemoOptions {
  const env = fallbacks === undefined ? source : withFallbacks(source, fallbacks);
  const port = integer(env, 'PORT', 0, 65_535);
  const host = text(env, 'HOST');
  return {
    ...(port === undefined ? {} : { port }),
    ...(host === undefined ? {} : { host }),
    ...supabaseTarget(env),
    mock: mockOptions(env),
  };
}

function supabaseTarget(env: Env): { supabase?: SupabaseTarget } {
  const url = text(env, 'SUPABASE_URL');
  const anonKey = text(env, 'SUPABASE_ANON_KEY');
  if (url === undefined && anonKey === undefined) return {};
  // Half a configuration would silently fall back to the mock: refuse instead.
  if (url === undefined || anonKey === undefined) throw new Error('Set both SUPABASE_URL and SUPABASE_ANON_KEY, or neither (to use the embedded mock).');
  const jwtSecret = text(env, 'SUPABASE_JWT_SECRET');
  return { supabase: { url, anonKey, ...(jwtSecret === undefined ? {} : { jwtSecret }) } };
}

function mockOptions(env: Env): EmbeddedMockOptions {
  const tokenLifetimeSeconds = integer(env, 'MOCK_TOKEN_LIFETIME', 10, 86_400);
  const email = text(env, 'DEMO_EMAIL');
  const password = text(env, 'DEMO_PASSWORD');
  return {
    ...(tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds }),
    ...(email === undefined ? {} : { email }),
    ...(password === undefined ? {} : { password }),
  };
}

/** `env` with each unset name of `fallbacks` taken from its second name. */
function withFallbacks(env: Env, fallbacks: Readonly<Record<string, string>>): Env {
  const view: Record<string, string | undefined> = { ...env };
  for (const [name, second] of Object.entries(fallbacks)) {
    if (text(env, name) === undefined) view[name] = env[second];
  }
  return view;
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, min: number, max: number): number | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new Error(`${name} must be an integer from ${min} to ${max}.`);
  return number;
}
