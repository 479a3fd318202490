/**
 * Browser suite: the real UI served by a real `switchboard serve` (one per test, each with its own
 * data directory), driven in Debian's Chromium. Tests save their own screenshots to
 * test-results/screenshots/<view>.png.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './test/support/chromium';

export default defineConfig({
  testDir: 'test/e2e/browser',
  testMatch: '**/*.spec.ts',
  // Playwright empties its output folder on start; keep it apart from the screenshots.
  outputDir: 'test-results/playwright',
  // Two shared CPU cores: one browser and one Switchboard at a time keeps timings honest.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_ARGS,
    },
  },
});
