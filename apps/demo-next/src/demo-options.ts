// The demo's settings: demo-kit's (auth server, listen address, the embedded mock's knobs) plus where `next start` writes.
import type { DemoOptions as SharedDemoOptions } from '@lockstep/demo-kit';

export { DEMO_DEFAULTS, type EmbeddedMockOptions, type SupabaseTarget } from '@lockstep/demo-kit';

/** Options of `startDemo`. Everything is optional: with nothing set, the demo runs against the embedded mock. `port` is `next start`'s. */
export interface DemoOptions extends SharedDemoOptions {
  /** Where `next start`'s own output goes: the terminal (the CLI), or kept and shown only if it fails to start. @default 'capture' */
  readonly nextOutput?: 'inherit' | 'capture';
}
