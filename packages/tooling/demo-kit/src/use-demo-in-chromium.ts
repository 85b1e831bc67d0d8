// Registers an e2e file's beforeAll/afterAll around openDemoInChromium, and hands out the session they open.
import { afterAll, beforeAll } from 'vitest';
import type { DemoOptions } from './demo-options.js';
import { openDemoInChromium, type DemoInChromium } from './demo-in-chromium.js';
import type { RunningDemo } from './launch-demo.js';

/**
 * Opens the demo in Chromium before the file's tests (`beforeAll`) and closes it after them
 * (`afterAll`). The returned object reads through to that session, so it can be taken at the top
 * of the file and used inside the tests; used outside them it throws.
 *
 * @example
 * const e2e = useDemoInChromium('demo-hono', startDemo);
 * it('signs in', async () => { await e2e.page.goto('/login'); });
 */
export function useDemoInChromium(name: string, start: (options: DemoOptions) => Promise<RunningDemo>): DemoInChromium {
  let opened: DemoInChromium | undefined;
  beforeAll(async () => {
    opened = await openDemoInChromium(name, start);
  });
  afterAll(() => opened?.close());
  const current = (): DemoInChromium => {
    if (opened === undefined) throw new Error('the demo opens in beforeAll: use it inside a test');
    return opened;
  };
  return {
    get demo() {
      return current().demo;
    },
    get browser() {
      return current().browser;
    },
    get context() {
      return current().context;
    },
    get page() {
      return current().page;
    },
    get screenshots() {
      return current().screenshots;
    },
    mock: () => current().mock(),
    refreshCalls: () => current().refreshCalls(),
    parallelMe: (n) => current().parallelMe(n),
    close: () => current().close(),
  };
}
