/** Playwright fixtures: a fresh Switchboard per test, and a page signed in to its UI. */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO_ROOT,
  startSwitchboard,
  waitForServersReady,
  type SwitchboardInstance,
  type SwitchboardOptions,
} from './switchboardProcess';

interface Fixtures {
  switchboardOptions: SwitchboardOptions;
  switchboard: SwitchboardInstance;
  /** Opens the UI link (sets the cookie), then the given hash; waits for data-app-state="ready". */
  openUi: (hash?: string) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  switchboardOptions: [{}, { option: true }],
  switchboard: async ({ switchboardOptions }, use) => {
    const instance = await startSwitchboard(switchboardOptions);
    try {
      if (!switchboardOptions.noServers) await waitForServersReady(instance);
      await use(instance);
    } finally {
      await instance.stop();
    }
  },
  openUi: async ({ page, switchboard }, use) => {
    await use(async (hash = '#/activity') => {
      await page.goto(switchboard.uiUrl);
      await page.goto(`${switchboard.baseUrl}/${hash}`);
      await expect(page.locator('[data-app-state]')).toHaveAttribute('data-app-state', 'ready');
      return page;
    });
  },
});

export { expect };

const SCREENSHOTS = join(REPO_ROOT, 'test-results/screenshots');

/** Saves test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
