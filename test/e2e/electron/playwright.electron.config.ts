/**
 * The Electron suite: the real desktop app (out/main/index.js) launched by Playwright's
 * `_electron`. It runs where an Electron binary exists (or ELECTRON_OVERRIDE_DIST_PATH points at
 * one) and skips itself, saying why, elsewhere.
 *   npx playwright test -c test/e2e/electron/playwright.electron.config.ts   (after npm run build)
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../../test-results/electron',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [['list']],
});
