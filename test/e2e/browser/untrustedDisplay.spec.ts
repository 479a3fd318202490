/**
 * Issue 17: what an agent or an upstream wrote cannot freeze or spoof the monitor. Big bodies
 * open lazily; bidi and control characters are isolated and shown as escapes.
 */
import { addOddServer } from './support/oddInputs';
import { connectAgent } from './support/mcpAgent';
import { clickAndTime } from './support/timeInPage';
import { expect, saveScreenshot, test } from './support/fixtures';

test('a 1 MB JSON response and a 1 MB text response open in the detail panel at once', async ({
  switchboard,
  openUi,
}) => {
  await addOddServer(switchboard);
  const agent = await connectAgent(switchboard, 'Big Bodies');
  try {
    const json = await agent.call('odd__big_json', {});
    expect(json.text.length).toBeGreaterThan(1_000_000);
    const text = await agent.call('odd__big_text', {});
    expect(text.text.length).toBeGreaterThan(1_000_000);
  } finally {
    await agent.close();
  }
  const page = await openUi('#/activity?tool=big_json');
  const detail = page.getByRole('complementary', { name: 'Record detail' });
  const response = detail.getByRole('region', { name: 'Response' });

  const row = page.locator('.activity-row[data-id]').first();
  await expect(row.locator('.tool-name')).toHaveText('big_json');
  // From the click to the painted tree: fetching the 1.15 MB record, parsing it, rendering.
  const openMs = await clickAndTime(page, '.activity-row[data-id]', '.detail .json-more');
  console.log(`big JSON response opened in ${Math.round(openMs)} ms`);
  // Before issue 17: 20.6 s and about 242,000 elements. The time depends on the machine (it is
  // reported, not asserted: a loaded CI box is ten times slower); what is built does not.
  await expect(response.getByRole('button', { name: 'Show 100 more' })).toBeVisible();
  expect(await detail.locator('*').count()).toBeLessThan(2000);
  await expect(response).toContainText('10,900 of 11,000 not shown');

  await response.getByRole('button', { name: 'Show 100 more' }).click();
  await expect(response).toContainText('10,800 of 11,000 not shown');
  await response.getByRole('button', { name: 'Raw' }).click();
  await expect(response).toContainText('characters not shown');
  const download = page.waitForEvent('download');
  await response.getByRole('button', { name: 'Download response' }).click();
  expect((await download).suggestedFilename()).toMatch(/-response\.json$/);

  const closeMs = await clickAndTime(page, '.detail-head button[title^="Close"]', '.detail', true);
  console.log(`closed in ${Math.round(closeMs)} ms`);

  await page.goto(`${switchboard.baseUrl}/#/activity?tool=big_text`);
  const textRow = page.locator('.activity-row[data-id]').first();
  await expect(textRow.locator('.tool-name')).toHaveText('big_text');
  const textMs = await clickAndTime(page, '.activity-row[data-id]', '.detail .json-more');
  console.log(`big text response opened in ${Math.round(textMs)} ms`);
  await expect(response.getByRole('button', { name: 'Show more' })).toBeVisible();
  // The first 20,000 characters are laid out, not 1.1 MB.
  const shown = await response.locator('pre').evaluate((element) => element.textContent?.length);
  expect(shown).toBeLessThanOrEqual(20_001);
  await expect(response.locator('pre')).toContainText('line 0 yyyy');
});

test('bidi and control characters are isolated and shown as escapes, in rows and the detail', async ({
  switchboard,
  openUi,
}) => {
  await addOddServer(switchboard);
  const agent = await connectAgent(switchboard, 'Mallory\u202Efdp.exe');
  try {
    await agent.call('odd__spoof', { value: 'invoice\u202Egnp.exe\u0007\u200B' });
  } finally {
    await agent.close();
  }
  const page = await openUi('#/activity?tool=spoof');
  const row = page.locator('.activity-row[data-id]').first();
  const token = row.locator('.cell.token');
  await expect(token).toHaveText('Mallory\\u202Efdp.exe');
  await expect(token.locator('bdi')).toHaveCount(1);
  await expect(token.locator('.esc')).toHaveText('\\u202E');

  await row.click();
  const detail = page.getByRole('complementary', { name: 'Record detail' });
  const args = detail.getByRole('region', { name: 'Arguments' });
  await expect(args).toContainText('"invoice\\u202Egnp.exe\\u0007\\u200B"');
  // JSON already writes C0 controls as \u escapes; the rest are made visible here.
  await expect(args.locator('.esc')).toHaveText(['\\u202E', '\\u200B']);
  const response = detail.getByRole('region', { name: 'Response' });
  // A right-to-left key and value each sit in their own isolate, so they cannot swap places.
  await expect(response.locator('bdi', { hasText: 'שם' })).toHaveCount(1);
  await expect(response.locator('bdi', { hasText: 'ערך' })).toHaveCount(1);
  const isolation = await response
    .locator('bdi', { hasText: 'שם' })
    .evaluate((element) => getComputedStyle(element).unicodeBidi);
  expect(isolation).toBe('isolate');
  // No override reaches the page as a character: only its escape.
  const raw = await detail.evaluate((element) => element.textContent ?? '');
  for (const char of ['\u202A', '\u202E', '\u2066', '\u2069', '\u0007', '\u200B']) {
    expect(raw).not.toContain(char);
  }
  await saveScreenshot(page, 'untrusted-detail');

  // The override in a token name must not reverse the token id printed after it.
  await page.goto(`${switchboard.baseUrl}/#/tokens`);
  const tokenRow = page.locator('tr', { hasText: 'Mallory' });
  await expect(tokenRow.locator('.esc')).toHaveText('\\u202E');
  await expect(tokenRow.locator('bdi')).toHaveCount(1);
});
