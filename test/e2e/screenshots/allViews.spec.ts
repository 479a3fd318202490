/**
 * Every view at 1,400 and 900 px, light and dark, on a log of 100k seeded records plus the odd
 * inputs of issue 17 (bidi and control characters, a 1 MB response, a very long tool name, a
 * failing upstream), for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LONG_TOOL_NAME, addOddServer } from '../browser/support/oddInputs';
import { connectAgent } from '../browser/support/mcpAgent';
import { expect, test } from '../browser/support/fixtures';
import { REPO_ROOT } from '../browser/support/switchboardProcess';

const OUT = join(REPO_ROOT, 'test-results/screenshots/views');
const VIEWS = ['activity', 'summary', 'servers', 'policies', 'tokens', 'settings'] as const;

test.use({ switchboardOptions: { seedRecords: 100_000 } });

test('every view, both widths, both themes', async ({ switchboard, openUi, page }, testInfo) => {
  mkdirSync(OUT, { recursive: true });
  await addOddServer(switchboard);
  const tools = await switchboard.api<{ name: string; exposed_name: string }[]>(
    'GET',
    '/api/v1/servers/odd/tools',
  );
  const longExposed = tools.find((tool) => tool.name === LONG_TOOL_NAME)?.exposed_name ?? '';
  const agent = await connectAgent(switchboard, 'Mallory\u202Efdp.exe');
  try {
    await agent.call('odd__big_json', {});
    await agent.call(longExposed, {});
    await agent.call('odd__spoof', { value: 'invoice\u202Egnp.exe\u0007\u200B' });
    await agent.call('everything__get-env', {});
  } finally {
    await agent.close();
  }
  await switchboard.api('POST', '/api/v1/servers', {
    name: 'broken',
    command: process.execPath,
    args: ['-e', 'process.exit(3)'],
  });
  // A revoked token named like a live one: hidden behind "Show revoked" in Tokens.
  const revoked = await switchboard.api<{ id: string }>('POST', '/api/v1/settings/mcp-tokens', {
    name: 'Claude Desktop',
  });
  await switchboard.api('DELETE', `/api/v1/settings/mcp-tokens/${revoked.id}`);

  // First page of each order on the 100k log, side by side (medians of 5), for docs/MONITOR_UI.md.
  for (const sort of ['time_desc', 'time_asc', 'duration_desc', 'duration_asc']) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await switchboard.api('GET', `/api/v1/activity?sort=${sort}&limit=100`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const description = `${Math.round(times[2] ?? 0)} ms`;
    testInfo.annotations.push({ type: `first page ${sort}`, description });
    console.log(`first page of 100 by ${sort}: median ${description}`);
  }
  const ui = await openUi('#/activity');
  const spoofId = await ui
    .locator('.activity-row[data-id]', { hasText: 'spoof' })
    .first()
    .getAttribute('data-id');
  for (const scheme of ['light', 'dark'] as const) {
    await ui.emulateMedia({ colorScheme: scheme });
    for (const width of [1400, 900]) {
      await ui.setViewportSize({ width, height: 900 });
      for (const view of VIEWS) {
        await ui.goto(`${switchboard.baseUrl}/#/${view}`);
        await expect(ui.locator('[data-app-state="ready"]')).toBeVisible();
        if (view === 'activity')
          await expect(ui.locator('.activity-row[data-id]').first()).toBeVisible();
        if (view === 'summary') await expect(ui.getByTestId('top-tools')).toBeVisible();
        await ui.screenshot({ path: join(OUT, `${view}-${width}-${scheme}.png`) });
      }
      await ui.goto(`${switchboard.baseUrl}/#/activity?id=${spoofId}`);
      await expect(ui.getByRole('region', { name: 'Response' })).toBeVisible();
      await ui.screenshot({ path: join(OUT, `activity-detail-${width}-${scheme}.png`) });
      const shot = (name: string) =>
        ui.screenshot({ path: join(OUT, `${name}-${width}-${scheme}.png`) });
      // Search hits marked in the list and the detail.
      await ui.goto(`${switchboard.baseUrl}/#/activity?q=invoice&id=${spoofId}`);
      await expect(ui.locator('mark.search-hit').first()).toBeVisible();
      await shot('activity-search');
      // Slowest first.
      await ui.goto(`${switchboard.baseUrl}/#/activity?sort=duration_desc`);
      await expect(ui.getByTestId('activity-sort')).toBeVisible();
      await expect(ui.locator('.activity-row[data-index="0"][data-id]')).toBeVisible();
      await shot('activity-sorted');
      // The export dialog with its counts and filters.
      await ui.goto(`${switchboard.baseUrl}/#/activity?status=blocked&tool=get-*`);
      await ui.getByRole('button', { name: 'Export…' }).click();
      await expect(ui.getByTestId('export-count-all')).toHaveText(/\(\d[\d,]* records\)/);
      await shot('export-dialog');
      await ui.keyboard.press('Escape');
      // A failing server counting down, and the in-app confirmation to remove it.
      await ui.goto(`${switchboard.baseUrl}/#/servers`);
      await ui.locator('tr[data-server="broken"]').getByRole('button', { name: 'Remove' }).click();
      await expect(ui.getByRole('alertdialog')).toBeVisible();
      await shot('servers-confirm');
      await ui.keyboard.press('Escape');
    }
  }
  expect(page).toBeTruthy();
});

test.describe('first run', () => {
  test.use({ switchboardOptions: { noServers: true } });

  test('the empty state with Run demo, both widths, both themes', async ({ openUi }) => {
    mkdirSync(OUT, { recursive: true });
    const ui = await openUi('#/activity');
    for (const scheme of ['light', 'dark'] as const) {
      await ui.emulateMedia({ colorScheme: scheme });
      for (const width of [1400, 900]) {
        await ui.setViewportSize({ width, height: 900 });
        await expect(ui.getByTestId('run-demo')).toBeVisible();
        await ui.screenshot({ path: join(OUT, `first-run-${width}-${scheme}.png`) });
      }
    }
  });
});
