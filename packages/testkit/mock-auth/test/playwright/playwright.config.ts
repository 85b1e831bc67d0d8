// Playwright Test for the `@lockstep/mock-auth/playwright` fixtures, in Debian's Chromium (no browser download).
import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  timeout: 15_000,
  reporter: 'list',
  // Traces and failure pages go to the OS temp dir, not into the package.
  outputDir: join(tmpdir(), 'mock-auth-playwright'),
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
});
