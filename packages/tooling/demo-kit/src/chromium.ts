// Launches Debian's headless Chromium for the demos' e2e tests; a missing browser is a failure, never a skip.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Starts the browser, or throws with the command that installs it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run scripts/system-deps.sh (apt-get install chromium) first.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
