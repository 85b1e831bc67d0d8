// The Next 15 build's lib/options.ts (it replaces test/fixture/lib/options.ts there). Next 15 runs the
// unchanged `middleware.ts` (a copy of the fixture's proxy.ts) on the Edge runtime, where `node:fs` does
// not exist: importing it fails the Edge build. So nothing here imports a Node module.
import { instanceFrom, type Lockstep, type LockstepEffects, type LockstepOptions } from '@lockstep/core';
import { fromSetup } from '@lockstep/supabase';
import { setupFromEnvironment } from './portable-setup';
import { TEST_CLOCK_HEADER } from './test-clock';

/** Read at the first request, not at build time (Next imports route modules during `next build`). */
export function fixtureOptions(): ReturnType<typeof setupFromEnvironment> | Lockstep {
  const setup = setupFromEnvironment();
  return process.env.NEXT_RUNTIME === 'edge' && testClockFile() !== undefined ? withHeaderClock(fromSetup(setup) as LockstepOptions) : setup;
}

/**
 * Edge: the instance's clock reads the test clock header of the request being handled. `now()` is read
 * once, synchronously, when `handle` starts; concurrent requests of the harness carry the same value.
 * Built as the adapter builds one from options (`caseSensitive: true`, as Next routes), so the Edge
 * middleware decides paths exactly as the Next 16 build's proxy does.
 */
function withHeaderClock(options: LockstepOptions): Lockstep {
  let clockMs = Date.now();
  const lockstep = instanceFrom(options, { caseSensitive: true }, { now: () => clockMs / 1000 });
  return {
    ...lockstep,
    handle(request, hint) {
      const header = new Headers(request.headers).get(TEST_CLOCK_HEADER);
      if (header !== null) clockMs = Number(header);
      return lockstep.handle(request, hint);
    },
  };
}

/** Node (Route Handlers, Server Components, Server Actions): the clock file, as in the Next 16 fixture. */
export const fixtureEffects: LockstepEffects = process.env.NEXT_RUNTIME === 'edge' || testClockFile() === undefined ? {} : { now: () => readClockFile() / 1000 };

function testClockFile(): string | undefined {
  const file = process.env.LOCKSTEP_TEST_CLOCK_FILE;
  return file === undefined || file === '' ? undefined : file;
}

function readClockFile(): number {
  // Looked up at run time, never imported: this module is also part of the Edge middleware bundle.
  const { readFileSync } = process.getBuiltinModule('node:fs');
  return Number(readFileSync(testClockFile() ?? '', 'utf8'));
}
