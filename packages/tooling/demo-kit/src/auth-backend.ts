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
  /** A second seeded user with the `admin` role in `app_metadata` (mock mode only). */
  readonly adminUser?: DemoUser;
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
  const adminUser = { email: DEMO_DEFAULTS.adminEmail, password };
  try {
    await seedAdmin(mock, adminUser);
  } catch (error) {
    await mock.stop();
    throw error;
  }
  return {
    supabaseUrl: mock.url,
    supabaseKey: mock.anonKey,
    now: () => mock.controls.clock.now() / 1000,
    mock,
    demoUser: { email, password },
    adminUser,
    close: () => mock.stop(),
  };
}

/**
 * Creates the admin user and gives it `app_metadata.roles: ['admin']` through the mock's admin API
 * (the service-role key), as an app's back office would: users cannot write `app_metadata`
 * themselves. The mock's `controls.reset()` drops this user (it keeps only the seeded ones).
 */
async function seedAdmin(mock: RunningMockAuth, admin: DemoUser): Promise<void> {
  const { id } = mock.controls.createUser({ email: admin.email, password: admin.password, userMetadata: { name: 'Demo Admin' } });
  const response = await mock.fetch(`${mock.url}/auth/v1/admin/users/${id}`, {
    method: 'PUT',
    headers: { apikey: mock.serviceRoleKey, authorization: `Bearer ${mock.serviceRoleKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ app_metadata: { roles: ['admin'] } }),
  });
  if (!response.ok) throw new Error(`the mock refused the admin user's role (${String(response.status)})`);
}
