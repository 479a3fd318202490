/** Issue 17: the tool filter takes globs and prefixes as policy rules do, with catalog suggestions. */
import { connectAgent } from './support/mcpAgent';
import { expect, test } from './support/fixtures';

test('a tool glob filters the list and live rows, and the catalog suggests names and prefixes', async ({
  switchboard,
  openUi,
}) => {
  const agent = await connectAgent(switchboard, 'Globber');
  try {
    await agent.call('everything__echo', { message: 'not a get' });
    await agent.call('everything__get-sum', { a: 1, b: 2 });
    await agent.call('everything__get-tiny-image', {});

    const page = await openUi('#/activity');
    await expect(page.locator('#tool-suggestions option[value="get-*"]')).toHaveCount(1);
    await expect(page.locator('#tool-suggestions option[value="get-sum"]')).toHaveCount(1);
    await expect(page.locator('#tool-suggestions option[value="echo"]')).toHaveCount(1);

    await page.getByLabel('Tool', { exact: true }).fill('get-*');
    await expect(page).toHaveURL(/tool=get-\*/);
    const tools = page.locator('.activity-row[data-id] .cell.tool');
    await expect(tools).toHaveCount(2);
    await expect(tools).toHaveText([/^get-tiny-image/, /^get-sum/]);
    const rest = await switchboard.api<{ total: number }>(
      'GET',
      `/api/v1/activity?tool=${encodeURIComponent('get-*')}`,
    );
    expect(rest.total).toBe(2);

    // Live rows follow the same matcher: a get-* call lands, an echo does not.
    await agent.call('everything__echo', { message: 'still not a get' });
    await agent.call('everything__get-sum', { a: 2, b: 3 });
    await expect(tools).toHaveCount(3);
    await expect(tools.first()).toHaveText(/^get-sum/);
    await expect(page.getByTestId('activity-total')).toHaveText('3 records');
  } finally {
    await agent.close();
  }
});
