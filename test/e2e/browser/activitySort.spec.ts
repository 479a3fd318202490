/** Issue 17: the Activity list sorts by time or duration, through the REST `sort` parameter. */
import { connectAgent } from './support/mcpAgent';
import { expect, saveScreenshot, test } from './support/fixtures';

const ROWS = 2000;
test.use({ switchboardOptions: { seedRecords: ROWS } });

interface Page {
  activities: { id: string; duration_ms: number | null }[];
  total: number;
}

test('the Time and Duration headers sort the list both ways, to its end, and keep it in the URL', async ({
  switchboard,
  openUi,
}) => {
  const page = await openUi('#/activity');
  const first = page.locator('.activity-row[data-index="0"]');
  const header = (column: string) => page.locator(`.sort-header[data-sort-column="${column}"]`);
  const rest = (query: string) => switchboard.api<Page>('GET', `/api/v1/activity?${query}`);

  for (const [column, sort] of [
    ['duration', 'duration_desc'],
    ['duration', 'duration_asc'],
    ['time', 'time_desc'],
    ['time', 'time_asc'],
  ] as const) {
    await header(column).click();
    const expected = await rest(`sort=${sort}&limit=1`);
    await expect(first).toHaveAttribute('data-id', expected.activities[0]?.id ?? '');
    await expect(header(column).locator('..')).toHaveAttribute(
      'aria-sort',
      sort.endsWith('asc') ? 'ascending' : 'descending',
    );
    if (sort === 'time_desc') expect(page.url()).not.toContain('sort=');
    else expect(page.url()).toContain(`sort=${sort}`);
  }

  // Slowest first, to the end: the last row is the REST order's last (pages by cursor and offset).
  await page.goto(`${switchboard.baseUrl}/#/activity?sort=duration_desc`);
  await expect(page.getByTestId('activity-sort')).toHaveText('slowest first');
  await saveScreenshot(page, 'activity-sorted-slowest');
  const slowest = await rest('sort=duration_desc&limit=1');
  await expect(first).toHaveAttribute('data-id', slowest.activities[0]?.id ?? '');
  const lastOne = await rest(`sort=duration_desc&limit=1&offset=${slowest.total - 1}`);
  await page.locator('.activity-scroll').click({ position: { x: 5, y: 40 } });
  await page.keyboard.press('G');
  const last = page.locator(`.activity-row[data-index="${slowest.total - 1}"]`);
  await expect(last).toHaveAttribute('data-id', lastOne.activities[0]?.id ?? '');

  // A live call is not slotted into another order: it waits behind a reload pill.
  const agent = await connectAgent(switchboard, 'Sorter');
  try {
    await agent.call('everything__echo', { message: 'arrives while sorted' });
  } finally {
    await agent.close();
  }
  const pill = page.getByRole('button', { name: /new · reload/ });
  await expect(pill).toHaveText(/^\d+ new · reload$/);
  await pill.click();
  await expect(pill).toHaveCount(0);
  await expect(page.getByTestId('activity-total')).toHaveText(/2,00\d records/);
});
