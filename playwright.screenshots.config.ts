/**
 * Screenshots of every view (issue 17's "done means"): `npx playwright test -c
 * playwright.screenshots.config.ts`. Not part of the browser suite: it seeds 100k records.
 * Images go to test-results/screenshots/views/ and are not committed.
 */
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({ ...base, testDir: 'test/e2e/screenshots', timeout: 600_000 });
