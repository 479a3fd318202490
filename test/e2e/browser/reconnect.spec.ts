/** The live feed survives a restart of Switchboard: the indicator says so, and nothing is lost. */
import { connectAgent } from './support/mcpAgent';
import { waitForServersReady } from './support/switchboardProcess';
import { expect, test } from './support/fixtures';

test('after a restart the UI reconnects and shows the calls made meanwhile', async ({
  switchboard,
  openUi,
}) => {
  const first = await connectAgent(switchboard, 'Claude Desktop');
  await first.call('everything__echo', { message: 'before restart' });
  await first.close();

  const page = await openUi('#/activity');
  const rows = page.locator('.activity-row[data-id]');
  await expect(rows).toHaveCount(1);
  await expect(page.locator('[data-connection="live"]')).toBeVisible();

  await switchboard.kill();
  await expect(page.locator('[data-connection="reconnecting"]')).toBeVisible();
  await switchboard.start();
  await waitForServersReady(switchboard);

  const second = await connectAgent(switchboard, 'Cursor');
  try {
    await second.call('everything__echo', { message: 'after restart 1' });
    await second.call('everything__echo', { message: 'after restart 2' });
  } finally {
    await second.close();
  }
  await expect(page.locator('[data-connection="live"]')).toBeVisible({ timeout: 30_000 });
  await expect(rows).toHaveCount(3, { timeout: 30_000 });
  await expect(rows.first().locator('.cell.token')).toHaveText('Cursor');
});
