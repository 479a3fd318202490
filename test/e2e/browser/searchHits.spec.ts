/** Issue 17: full-text hits are marked in the list and the detail, only where the search looked. */
import { connectAgent } from './support/mcpAgent';
import { expect, test } from './support/fixtures';

test('search hits are highlighted in the tool cell and in the detail arguments', async ({
  switchboard,
  openUi,
}) => {
  const agent = await connectAgent(switchboard, 'Kube Desktop');
  try {
    await agent.call('everything__echo', { message: 'kubernetes pod alpha' });
    await agent.call('everything__echo', { message: 'plain words' });
  } finally {
    await agent.close();
  }
  const page = await openUi('#/activity?q=kube');
  const rows = page.locator('.activity-row[data-id]');
  await expect(rows).toHaveCount(1);
  // The token name is not searched: it is not marked even though it starts with the word.
  await expect(rows.first().locator('.cell.token mark')).toHaveCount(0);
  await rows.first().click();
  const argumentsSection = page.getByRole('region', { name: 'Arguments' });
  await expect(argumentsSection.locator('mark.search-hit')).toHaveText(['kubernetes']);

  await page.goto(`${switchboard.baseUrl}/#/activity?q=echo`);
  await expect(rows).toHaveCount(2);
  await expect(rows.first().locator('.cell.tool mark.search-hit')).toHaveText('echo');
  await rows.first().click();
  await expect(page.locator('.detail-head mark.search-hit')).toHaveText('echo');
  // Without a search nothing is marked.
  await page.goto(`${switchboard.baseUrl}/#/activity`);
  await expect(rows).toHaveCount(2);
  await expect(page.locator('mark.search-hit')).toHaveCount(0);
});
