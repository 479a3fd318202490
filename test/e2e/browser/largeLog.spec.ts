/** A 100k-row log (seeded through the real store API) scrolls to its end, with live rows on top. */
import { connectAgent } from './support/mcpAgent';
import { expect, saveScreenshot, test } from './support/fixtures';

const ROWS = 100_000;

test.use({ switchboardOptions: { seedRecords: ROWS } });
test.setTimeout(180_000);

test('a 100k-row log scrolls to the end', async ({ switchboard, openUi }, testInfo) => {
  testInfo.annotations.push({ type: 'seed', description: switchboard.seedLine ?? '' });
  const openedAt = Date.now();
  const page = await openUi('#/activity');
  const total = page.getByTestId('activity-total');
  await expect(total).toHaveText('100,000 records');
  await expect(page.locator('.activity-row[data-index="0"][data-id]')).toBeVisible();
  const firstPaintMs = Date.now() - openedAt;

  // A live call lands on top and shifts the snapshot below it by one.
  const agent = await connectAgent(switchboard, 'Claude Desktop');
  try {
    await agent.call('everything__echo', { message: 'live on top of 100k' });
  } finally {
    await agent.close();
  }
  await expect(total).toHaveText('100,001 records');
  await expect(page.locator('.activity-row[data-index="0"] .cell.tool')).toHaveText('echo');
  await expect(page.locator('.activity-row[data-index="0"] .cell.token')).toHaveText(
    'Claude Desktop',
  );
  await saveScreenshot(page, 'activity-100k-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'activity-100k-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Jumps through the middle load their pages by offset.
  const scroller = page.locator('.activity-scroll');
  const jumps: number[] = [];
  for (const fraction of [0.25, 0.5, 0.75]) {
    const started = Date.now();
    await scroller.evaluate((element, at) => {
      element.scrollTop = (element.scrollHeight - element.clientHeight) * at;
    }, fraction);
    await expect(page.locator('.activity-row.placeholder')).toHaveCount(0);
    jumps.push(Date.now() - started);
  }

  // End (G) goes to the last row: the oldest seeded record (index 0: a blocked echo).
  const endStarted = Date.now();
  await page.keyboard.press('G');
  const last = page.locator(`.activity-row[data-index="${ROWS}"]`);
  await expect(last).toHaveAttribute('data-id', /.+/);
  await expect(last).toBeInViewport();
  await expect(last.locator('.cell.tool')).toHaveText('echo');
  await expect(last).toHaveAttribute('data-status', 'blocked');
  const endMs = Date.now() - endStarted;
  const atBottom = await scroller.evaluate(
    (element) => element.scrollHeight - element.clientHeight - element.scrollTop < 2,
  );
  expect(atBottom).toBe(true);
  await expect(page.locator('.activity-row.placeholder')).toHaveCount(0);
  await saveScreenshot(page, 'activity-100k-end');

  // Wheel scrolling back up from the end keeps rows filled (cursor paging from loaded pages).
  const wheelStarted = Date.now();
  for (let step = 0; step < 20; step++) await page.mouse.wheel(0, -1400);
  await expect(page.locator('.activity-row.placeholder')).toHaveCount(0);
  const wheelMs = Date.now() - wheelStarted;
  const domRows = await page.locator('.activity-row').count();

  const measurements = { firstPaintMs, jumps, endMs, wheelMs, domRows, seed: switchboard.seedLine };
  testInfo.annotations.push({ type: 'measurements', description: JSON.stringify(measurements) });
  console.log(`100k log: ${JSON.stringify(measurements)}`);
  // Virtualized: only the visible rows (plus overscan) exist in the DOM.
  expect(domRows).toBeLessThan(100);
});
