// Where sessions come from: a configured Supabase project, or the embedded mock with a seeded demo user.
import { startMockAuth, type RunningMockAuth } from '@lockstep/mock-auth';
import { DEMO_DEFAULTS, type DemoOptions } from './demo-options.js';

/** Unix seconds. */
export type Clock = () => number;

/** The seeded user of the embedded mock. */
export interface DemoUser {
  readonly email: string;
  readonly password: string;
}

/** The auth server the demo talks to, and the clock its decisions run on. */
export interface AuthBackend {
  readonly supabaseUrl: string;
  readonly supabaseKey: string;
  readonly jwtSecret?: string;
  /** The mock's clock in mock mode, so tests can move time for the whole demo by value. */
  readonly now: Clock;
  /** Present in mock mode. */
  readonly mock?: RunningMockAuth;
  /** The seeded user's credentials (mock mode only; printed at start). */
  readonly demoUser?: DemoUser;
  readonly close: () => Promise<void>;
}

/** Uses the configured project, or starts the embedded mock on a free loopback port. */
export async function startAuthBackend(options: DemoOptions): Promise<AuthBackend> {
  if (options.supabase !== undefined) {
    const { url, anonKey, jwtSecret } = options.supabase;
    return {
      supabaseUrl: url,
      supabaseKey: anonKey,
      ...(jwtSecret === undefined ? {} : { jwtSecret }),
      now: () => Date.now() / 1000,
      close: () => Promise.resolve(),
    };
  }
  const email = options.mock?.email ?? DEMO_DEFAULTS.email;
  const password = options.mock?.password ?? DEMO_DEFAULTS.password;
  const mock = await startMockAuth({
    tokenLifetimeSeconds: options.mock?.tokenLifetimeSeconds ?? DEMO_DEFAULTS.tokenLifetimeSeconds,
    users: [{ email, password, userMetadata: { name: 'Demo User' } }],
  });
  return {
    supabaseUrl: mock.url,
    supabaseKey: mock.anonKey,
    now: () => mock.controls.clock.now() / 1000,
    mock,
    demoUser: { email, password },
    close: () => mock.stop(),
  };
}
