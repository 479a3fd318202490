/**
 * Every view with a little real data, in light and dark, saved to test-results/screenshots/ —
 * and the first-run empty state. Each view is checked for its content before the screenshot.
 */
import type { Page } from '@playwright/test';
import { connectAgent } from './support/mcpAgent';
import { expect, saveScreenshot, test } from './support/fixtures';

async function both(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await saveScreenshot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('every view renders real data, in light and dark', async ({ switchboard, openUi }) => {
  const agent = await connectAgent(switchboard, 'Claude Desktop');
  try {
    for (let i = 0; i < 6; i++)
      await agent.call('everything__echo', { message: `hello ${i}`, api_key: 'sk-live-123' });
    await agent.call('everything__get-sum', { a: 19, b: 23 });
    await agent.call('everything__get-env', {});
    await agent.call('everything__get-tiny-image', {});
  } finally {
    await agent.close();
  }

  const page = await openUi('#/activity');
  await expect(page.locator('.activity-row[data-id]')).toHaveCount(9);
  await both(page, 'activity');

  await page.locator('.activity-row[data-status="blocked"]').click();
  await expect(page.getByTestId('block-reason')).toBeVisible();
  await both(page, 'activity-detail');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export activity' })).toBeVisible();
  await both(page, 'export-dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Summary' }).click();
  await expect(
    page.getByTestId('timeline-chart').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await both(page, 'summary');

  await page.getByRole('link', { name: 'Servers' }).click();
  const row = page.locator('tr[data-server="everything"]');
  await expect(row).toContainText('ready');
  await row.getByRole('button', { name: /everything/ }).click();
  await expect(page.getByText('everything__echo')).toBeVisible();
  await both(page, 'servers');

  await page.getByRole('link', { name: 'Policies' }).click();
  await expect(page.locator('[data-rule-id="no-env-dumps"]')).toBeVisible();
  await both(page, 'policies');

  await page.getByRole('link', { name: 'Tokens & Connect' }).click();
  await page.getByLabel('Token name').fill('VS Code');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('created-token')).toContainText('swb_');
  await page.getByRole('tab', { name: 'Claude Code' }).click();
  await expect(page.getByTestId('connect-snippet')).toContainText(
    `claude mcp add --transport http switchboard ${switchboard.mcpUrl}`,
  );
  await both(page, 'tokens');

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Keep records for (days)')).toHaveValue('90');
  await both(page, 'settings');
});

test.describe('first run', () => {
  test.use({ switchboardOptions: { noServers: true } });

  test('with no servers, Activity and Servers explain how to start', async ({ openUi }) => {
    const page = await openUi('#/activity');
    await expect(page.getByTestId('empty-activity')).toContainText('adding a server');
    await both(page, 'empty-activity');
    await page.getByRole('link', { name: 'Servers' }).click();
    await expect(page.getByTestId('empty-servers')).toBeVisible();
    await page.getByRole('button', { name: 'Import config' }).first().click();
    await page.getByLabel('Config JSON').fill('{"mcpServers": {"broken name": {"command": "x"}}}');
    // A name invalid here no longer refuses the file: it gets a fixed name (issue 17).
    await expect(page.getByTestId('import-name-fixes')).toContainText('One name needs a change');
    await expect(page.getByLabel('Import "broken name" as')).toHaveValue('broken-name');
    await both(page, 'servers-import');
  });
});
