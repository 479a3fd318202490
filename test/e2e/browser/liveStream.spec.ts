/**
 * A stream of live rows on a long list: the rows a reader scrolled down to stay put while
 * hundreds arrive above them (folded into pages as they age), and the list stays exact.
 */
import type { Page } from '@playwright/test';
import { connectAgent } from './support/mcpAgent';
import { expect, test } from './support/fixtures';

const SEEDED = 1_000;
const LIVE = 400;
const ROW_HEIGHT = 28;

test.use({ switchboardOptions: { seedRecords: SEEDED } });

/** The id of the row under the top edge of the list (just below the sticky header). */
function rowAtTopEdge(page: Page): Promise<string | null> {
  return page.locator('.activity-scroll').evaluate((element, rowHeight) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + 40, box.top + 30 + rowHeight / 2);
    return hit?.closest('.activity-row')?.getAttribute('data-id') ?? null;
  }, ROW_HEIGHT);
}

test('rows streaming in above a reader do not move the rows they read', async ({
  switchboard,
  openUi,
}) => {
  const page = await openUi('#/activity');
  const total = page.getByTestId('activity-total');
  await expect(total).toHaveText(`${SEEDED.toLocaleString('en-US')} records`);
  await page.locator('.activity-scroll').evaluate((element, top) => {
    element.scrollTop = top;
  }, 500 * ROW_HEIGHT);
  await expect(page.locator('.activity-row[data-index="500"][data-id]')).toBeVisible();
  const reading = await rowAtTopEdge(page);
  expect(reading).not.toBeNull();

  const agents = await Promise.all([1, 2, 3, 4].map((n) => connectAgent(switchboard, `a${n}`)));
  try {
    await Promise.all(
      agents.map(async (agent, n) => {
        for (let i = 0; i < LIVE / agents.length; i++) {
          await agent.call('everything__echo', { message: `live ${n}-${i}` });
        }
      }),
    );
  } finally {
    await Promise.all(agents.map((agent) => agent.close()));
  }
  await expect(total).toHaveText(`${(SEEDED + LIVE).toLocaleString('en-US')} records`);
  expect(await rowAtTopEdge(page)).toBe(reading);

  // Back at the top, the newest rows (live, some folded into pages) read in order.
  await page.locator('.activity-scroll').evaluate((element) => {
    element.scrollTop = 0;
  });
  const latest = await switchboard.api<{ activities: { id: string }[] }>(
    'GET',
    '/api/v1/activity?limit=40',
  );
  const newest = latest.activities.map((row) => row.id);
  const shown = page.locator('.activity-row[data-id]');
  await expect(shown.first()).toHaveAttribute('data-id', newest[0]!);
  const ids = await shown.evaluateAll((rows) =>
    rows
      .map((row) => [Number(row.getAttribute('data-index')), row.getAttribute('data-id')] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, id]) => id),
  );
  expect(ids.slice(0, 20)).toEqual(newest.slice(0, 20));
});
