/** The Activity view against a live Switchboard: live rows, filters in the URL, the detail panel. */
import { BLOCK_RULE } from './support/switchboardProcess';
import { connectAgent } from './support/mcpAgent';
import { expect, saveScreenshot, test } from './support/fixtures';

const SECRET = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';

test('calls appear in the list live, without a reload', async ({ switchboard, openUi }) => {
  const page = await openUi('#/activity');
  await expect(page.getByTestId('empty-activity')).toBeVisible();
  await expect(page.locator('[data-connection="live"]')).toBeVisible();

  const agent = await connectAgent(switchboard, 'Claude Desktop');
  try {
    await agent.call('everything__echo', { message: 'first live call' });
    await expect(page.locator('.activity-row[data-id]')).toHaveCount(1);
    await agent.call('everything__get-sum', { a: 2, b: 3 });
    const blocked = await agent.call('everything__get-env', {});
    expect(blocked.isError).toBe(true);
    expect(blocked.text).toBe(
      `Blocked by Switchboard policy "${BLOCK_RULE.id}": ${BLOCK_RULE.reason}`,
    );

    const rows = page.locator('.activity-row[data-id]');
    await expect(rows).toHaveCount(3);
    // Newest first, status colour-coded.
    await expect(rows.nth(0)).toHaveAttribute('data-status', 'blocked');
    await expect(rows.nth(0).locator('.cell.tool .tool-name')).toHaveText('get-env');
    // The block reason reads in the row, without opening the record.
    await expect(rows.nth(0).getByTestId('row-note')).toHaveText(` ${BLOCK_RULE.reason}`);
    await expect(rows.nth(2).locator('.cell.tool')).toHaveText('echo');
    await expect(rows.nth(2).locator('.cell.token')).toHaveText('Claude Desktop');
    await expect(page.getByTestId('activity-total')).toHaveText('3 records');
  } finally {
    await agent.close();
  }
});

test('full-text search and the token dropdown narrow the list and survive a reload', async ({
  switchboard,
  openUi,
}) => {
  const claude = await connectAgent(switchboard, 'Claude Desktop');
  const cursor = await connectAgent(switchboard, 'Cursor');
  try {
    await claude.call('everything__echo', { message: 'alpha report' });
    await claude.call('everything__echo', { message: 'beta summary' });
    await cursor.call('everything__echo', { message: 'alpha draft' });
    await cursor.call('everything__get-sum', { a: 1, b: 1 });
  } finally {
    await claude.close();
    await cursor.close();
  }
  const page = await openUi('#/activity');
  const rows = page.locator('.activity-row[data-id]');
  await expect(rows).toHaveCount(4);

  await page.getByLabel('Full-text search').fill('alpha');
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/q=alpha/);

  await page.getByLabel('Token').selectOption({ label: 'Cursor' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('.cell.token')).toHaveText('Cursor');
  await expect(page).toHaveURL(new RegExp(`token=${cursor.tokenId}`));

  await page.reload();
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(page.getByLabel('Full-text search')).toHaveValue('alpha');
  await expect(page.getByLabel('Token')).toHaveValue(cursor.tokenId);

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(rows).toHaveCount(4);
});

test('the detail panel shows redacted arguments and the block reason', async ({
  switchboard,
  openUi,
}) => {
  const agent = await connectAgent(switchboard, 'Claude Code');
  try {
    await agent.call('everything__echo', { message: SECRET });
    await agent.call('everything__get-env', { password: 'hunter2', scope: 'all' });
  } finally {
    await agent.close();
  }
  const page = await openUi('#/activity');
  const rows = page.locator('.activity-row[data-id]');
  await expect(rows).toHaveCount(2);

  // Keyboard: j moves to the second row (the echo call), Enter opens it.
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  const detail = page.getByRole('complementary', { name: 'Record detail' });
  await expect(detail.getByRole('heading', { name: 'echo' })).toBeVisible();
  const args = detail.getByRole('region', { name: 'Arguments' });
  await expect(args).toContainText('"[REDACTED]"');
  await expect(detail).not.toContainText(SECRET);
  await expect(page).toHaveURL(/id=/);

  await page.keyboard.press('k');
  await expect(detail.getByRole('heading', { name: 'get-env' })).toBeVisible();
  await expect(detail.getByTestId('block-reason')).toContainText(BLOCK_RULE.id);
  await expect(detail.getByTestId('block-reason')).toContainText(BLOCK_RULE.reason);
  await expect(detail.getByRole('region', { name: 'Arguments' })).toContainText(
    '"password": "[REDACTED]"',
  );
  await expect(detail).not.toContainText('hunter2');
  await saveScreenshot(page, 'activity-detail');

  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // "/" focuses the search box.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Full-text search')).toBeFocused();
});
