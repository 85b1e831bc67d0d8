// The demo's settings as data: where the auth server is, where to listen, and the embedded mock's knobs.

/** A real Supabase project (or any GoTrue-compatible server) to use instead of the embedded mock. */
export interface SupabaseTarget {
  readonly url: string;
  readonly anonKey: string;
  /** The legacy HS256 secret, for projects without asymmetric signing keys. */
  readonly jwtSecret?: string;
}

/** Settings of the embedded mock auth server, used when no Supabase project is configured. */
export interface EmbeddedMockOptions {
  /** Access-token lifetime; short so a refresh happens while you watch. @default 120 */
  readonly tokenLifetimeSeconds?: number;
  /** The seeded demo user. @default 'demo@example.com' */
  readonly email?: string;
  /** @default 'lockstep-demo' */
  readonly password?: string;
}

/** Options of `startDemo`. Everything is optional: with nothing set, the demo runs against the embedded mock. */
export interface DemoOptions {
  /** Port to listen on; `0` picks a free one. @default 3000 */
  readonly port?: number;
  /** Interface to bind. @default '127.0.0.1' (loopback only) */
  readonly host?: string;
  /** A real auth server; when absent the embedded mock is started. */
  readonly supabase?: SupabaseTarget;
  readonly mock?: EmbeddedMockOptions;
}

/** The defaults, in one place. */
export const DEMO_DEFAULTS = Object.freeze({
  port: 3000,
  host: '127.0.0.1',
  tokenLifetimeSeconds: 120,
  email: 'demo@example.com',
  password: 'lockstep-demo',
  /** A second seeded user (same password) whose `app_metadata.roles` holds `admin`. */
  adminEmail: 'admin@example.com',
} as const);
