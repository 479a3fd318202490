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

test('every view, both widths, both themes', async ({ switchboard, openUi, page }) => {
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
    }
  }
  expect(page).toBeTruthy();
});
