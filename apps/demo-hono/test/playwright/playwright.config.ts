// Playwright Test of the demo with @lockstep/mock-auth/playwright, in Debian's Chromium (no browser download).
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
  outputDir: join(tmpdir(), 'demo-hono-playwright'),
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
});
