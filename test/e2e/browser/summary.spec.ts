/** The Summary view: charts from real calls, and a click on a chart filters the Activity list. */
import { connectAgent } from './support/mcpAgent';
import { expect, saveScreenshot, test } from './support/fixtures';

test('the summary chart renders and a click on a bar filters the list', async ({
  switchboard,
  openUi,
}) => {
  const agent = await connectAgent(switchboard, 'Claude Desktop');
  try {
    for (let i = 0; i < 4; i++) await agent.call('everything__echo', { message: `hello ${i}` });
    await agent.call('everything__get-sum', { a: 2, b: 40 });
    await agent.call('everything__get-env', {});
    await agent.call('everything__get-sum', { a: 'not a number', b: 1 }).catch(() => undefined);
  } finally {
    await agent.close();
  }

  const page = await openUi('#/summary?period=1h');
  const summary = page.getByTestId('summary');
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('button', { name: /Calls 7/ })).toBeVisible();
  await expect(
    page.getByTestId('timeline-chart').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await expect(page.getByTestId('latency-table')).toContainText('echo');
  await saveScreenshot(page, 'summary-light-data');

  // Top tools is sorted by count: the first bar is echo (4 calls).
  await page.getByTestId('top-tools').locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/#\/activity\?.*tool=echo/);
  await expect(page).toHaveURL(/server=everything/);
  const rows = page.locator('.activity-row[data-id]');
  await expect(rows).toHaveCount(4);
  for (const tool of await rows.locator('.cell.tool').allTextContents()) expect(tool).toBe('echo');

  // Back returns to the summary; its block-rate card opens the blocked calls of the period.
  await page.goBack();
  await expect(page).toHaveURL(/#\/summary\?period=1h/);
  await page.getByRole('button', { name: /Block rate/ }).click();
  await expect(page).toHaveURL(/status=blocked/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-status', 'blocked');
});
