/** A 100k-row log (seeded through the real store API) scrolls to its end, with live rows on top. */
import { connectAgent } from './support/mcpAgent';
import { expect, saveScreenshot, test } from './support/fixtures';

/** `SWITCHBOARD_E2E_ROWS=1000000 npx playwright test largeLog` measures a million rows. */
const ROWS = Number(process.env.SWITCHBOARD_E2E_ROWS ?? 100_000);
const count = (n: number): string => n.toLocaleString('en-US');
const LABEL = ROWS % 1000 === 0 ? `${ROWS / 1000}k` : String(ROWS);

test.use({ switchboardOptions: { seedRecords: ROWS } });
test.setTimeout(ROWS > 200_000 ? 1_800_000 : 180_000);

test(`a ${count(ROWS)}-row log scrolls to the end`, async ({ switchboard, openUi }, testInfo) => {
  testInfo.annotations.push({ type: 'seed', description: switchboard.seedLine ?? '' });
  const openedAt = Date.now();
  const page = await openUi('#/activity');
  const total = page.getByTestId('activity-total');
  await expect(total).toHaveText(`${count(ROWS)} records`);
  await expect(page.locator('.activity-row[data-index="0"][data-id]')).toBeVisible();
  const firstPaintMs = Date.now() - openedAt;

  // A live call lands on top and shifts the snapshot below it by one.
  const agent = await connectAgent(switchboard, 'Claude Desktop');
  try {
    await agent.call('everything__echo', { message: 'live on top of 100k' });
  } finally {
    await agent.close();
  }
  await expect(total).toHaveText(`${count(ROWS + 1)} records`);
  await expect(page.locator('.activity-row[data-index="0"] .cell.tool')).toHaveText('echo');
  await expect(page.locator('.activity-row[data-index="0"] .cell.token')).toHaveText(
    'Claude Desktop',
  );
  await saveScreenshot(page, `activity-${LABEL}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, `activity-${LABEL}-dark`);
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

  // Frame times while the list is flung through ~90 rows per frame for two seconds.
  const frames = await scroller.evaluate(async (element) => {
    const deltas: number[] = [];
    await new Promise<void>((done) => {
      let last = performance.now();
      const end = last + 2000;
      const step = (now: number): void => {
        deltas.push(now - last);
        last = now;
        element.scrollTop += 2500;
        if (now < end) requestAnimationFrame(step);
        else done();
      };
      requestAnimationFrame(step);
    });
    deltas.sort((a, b) => a - b);
    const at = (q: number): number => Math.round(deltas[Math.floor((deltas.length - 1) * q)] ?? 0);
    return { frames: deltas.length, p50: at(0.5), p95: at(0.95), max: at(1) };
  });

  // End (G) goes to the last row: the oldest seeded record (index 0: a blocked echo).
  const endStarted = Date.now();
  await page.keyboard.press('G');
  const last = page.locator(`.activity-row[data-index="${ROWS}"]`);
  await expect(last).toHaveAttribute('data-id', /.+/);
  await expect(last).toBeInViewport();
  // The oldest seeded record is blocked: its tool cell also shows the block reason (issue 17).
  await expect(last.locator('.cell.tool')).toHaveText(/^echo/);
  await expect(last).toHaveAttribute('data-status', 'blocked');
  const endMs = Date.now() - endStarted;
  const atBottom = await scroller.evaluate(
    (element) => element.scrollHeight - element.clientHeight - element.scrollTop < 2,
  );
  expect(atBottom).toBe(true);
  await expect(page.locator('.activity-row.placeholder')).toHaveCount(0);
  await saveScreenshot(page, `activity-${LABEL}-end`);

  // Wheel scrolling back up from the end keeps rows filled (cursor paging from loaded pages).
  const wheelStarted = Date.now();
  for (let step = 0; step < 20; step++) await page.mouse.wheel(0, -1400);
  await expect(page.locator('.activity-row.placeholder')).toHaveCount(0);
  const wheelMs = Date.now() - wheelStarted;
  const domRows = await page.locator('.activity-row').count();

  // The summary over the seeded week.
  const summaryStarted = Date.now();
  await page.goto(`${switchboard.baseUrl}/#/summary?period=7d`);
  await expect(
    page.getByTestId('timeline-chart').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  const summaryMs = Date.now() - summaryStarted;
  await saveScreenshot(page, `summary-${LABEL}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, `summary-${LABEL}-dark`);

  const measurements = {
    rows: ROWS,
    firstPaintMs,
    jumps,
    frames,
    endMs,
    wheelMs,
    summaryMs,
    domRows,
    seed: switchboard.seedLine,
  };
  testInfo.annotations.push({ type: 'measurements', description: JSON.stringify(measurements) });
  console.log(`large log: ${JSON.stringify(measurements)}`);
  // Virtualized: only the visible rows (plus overscan) exist in the DOM.
  expect(domRows).toBeLessThan(100);
});
