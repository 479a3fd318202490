/** Issue 17: defects found by using the monitor, each checked in Chromium against a real serve. */
import { SERVER_EVERYTHING } from '../../support/mcpServers';
import { LONG_TOOL_NAME, addOddServer } from './support/oddInputs';
import { connectAgent } from './support/mcpAgent';
import { expect, saveScreenshot, test } from './support/fixtures';
import type { SwitchboardInstance } from './support/switchboardProcess';

interface RecordRow {
  type: string;
  status: string;
  server_name: string | null;
  metadata: Record<string, unknown>;
  error_message: string | null;
}

async function serverStatus(switchboard: SwitchboardInstance, name: string): Promise<string> {
  const server = await switchboard.api<{ status: string }>('GET', `/api/v1/servers/${name}`);
  return server.status;
}

test('a call starting and ending never changes the layout height (900 px)', async ({
  switchboard,
  openUi,
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 800 });
  const ui = await openUi('#/activity');
  await ui.evaluate(() => {
    const heights: number[] = [];
    (window as unknown as { heights: number[] }).heights = heights;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) heights.push(Math.round(entry.contentRect.height));
    });
    for (const selector of ['.sidebar', '.view-header', '.filter-bar']) {
      const element = document.querySelector(selector);
      if (element) observer.observe(element);
    }
  });
  const agent = await connectAgent(switchboard, 'Steady');
  try {
    const running = agent.call('everything__trigger-long-running-operation', {
      duration: 1,
      steps: 1,
    });
    await expect(ui.locator('.running-calls')).toHaveText('1 call running');
    await running;
    await expect(ui.locator('.running-calls')).toHaveText('No calls running');
    await expect(ui.locator('.activity-row[data-id]')).toHaveCount(1);
  } finally {
    await agent.close();
  }
  const heights = await ui.evaluate(() => (window as unknown as { heights: number[] }).heights);
  // One entry per observed element at start, none after: nothing moved.
  expect(heights).toHaveLength(3);
});

test('a search with no letters or digits matches nothing, in the UI and REST', async ({
  switchboard,
  openUi,
}) => {
  const agent = await connectAgent(switchboard, 'Searcher');
  try {
    await agent.call('everything__echo', { message: 'launch 🚀 — "quoted" *star*' });
    await agent.call('everything__echo', { message: 'plain words' });
  } finally {
    await agent.close();
  }
  for (const q of ['🚀', '—', '*', '"']) {
    const page = await switchboard.api<{ total: number }>(
      'GET',
      `/api/v1/activity?q=${encodeURIComponent(q)}`,
    );
    expect(page.total, q).toBe(0);
  }
  const page = await openUi('#/activity');
  const rows = page.locator('.activity-row[data-id]');
  await expect(rows).toHaveCount(2);
  await page.getByLabel('Full-text search').fill('🚀');
  await expect(page.getByTestId('no-matches')).toBeVisible();
  await expect(page.getByTestId('search-has-no-words')).toContainText('“🚀” has none');
  await expect(page.getByTestId('activity-total')).toHaveText('0 records');
  await page.getByLabel('Full-text search').fill('launch');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('activity-total')).toHaveText('1 record');
});

test('import fixes or skips names that are invalid here instead of refusing the file', async ({
  switchboard,
  openUi,
}) => {
  const entry = { command: process.execPath, args: [SERVER_EVERYTHING, 'stdio'], disabled: true };
  const page = await openUi('#/servers');
  await page.getByRole('button', { name: 'Import config' }).first().click();
  await page.getByLabel('Config JSON').fill(
    JSON.stringify({
      mcpServers: { 'my server': entry, 'Brave Search': entry, notes: entry },
    }),
  );
  const fixes = page.getByTestId('import-name-fixes');
  await expect(fixes).toContainText('2 names need a change');
  await expect(page.getByLabel('Import "my server" as')).toHaveValue('my-server');
  await expect(page.getByLabel('Import "Brave Search" as')).toHaveValue('Brave-Search');
  await page.getByLabel('Import "Brave Search" as').fill('brave');
  await fixes.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('.notice')).toContainText('Imported brave, notes');
  const names = (await switchboard.api<{ name: string }[]>('GET', '/api/v1/servers')).map(
    (server) => server.name,
  );
  expect(names.sort()).toEqual(['brave', 'everything', 'notes']);
});

test('restarting a failing server reports that the restart failed; server-change rows say what happened', async ({
  switchboard,
  openUi,
}) => {
  await switchboard.api('POST', '/api/v1/servers', {
    name: 'broken',
    command: process.execPath,
    args: ['-e', 'process.exit(3)'],
  });
  await expect.poll(() => serverStatus(switchboard, 'broken')).toBe('error');
  const page = await openUi('#/servers');
  await page.locator('tr[data-server="broken"]').getByRole('button', { name: 'Restart' }).click();
  const notice = page.locator('.notice').last();
  await expect(notice).toContainText('Restart of "broken" failed');
  await expect(page.locator('.notice', { hasText: 'broken restarted' })).toHaveCount(0);

  // The recorder commits in batches (SPEC 5's 100 ms window): the notice can come first.
  const restartRecord = async () =>
    (
      await switchboard.api<{ activities: RecordRow[] }>(
        'GET',
        '/api/v1/activity?type=server_change&server=broken',
      )
    ).activities.find((record) => record.metadata.action === 'restart');
  await expect.poll(async () => (await restartRecord())?.status).toBe('error');
  expect((await restartRecord())?.error_message).toMatch(/exit code 3/);

  await page.goto(`${switchboard.baseUrl}/#/activity?server=broken`);
  const types = page.locator('.activity-row[data-id] .cell.type');
  await expect(types.first()).toHaveText('Restart failed');
  await expect(types).toContainText(['Restart failed', 'Connect failed']);
  await expect(types.last()).toHaveText('Server added');
  await expect(
    page.locator('.activity-row[data-id]').first().getByTestId('row-note'),
  ).toContainText('upstream unavailable: ');
});

test('a long tool name stays inside the Top tools card', async ({ switchboard, openUi }) => {
  await addOddServer(switchboard);
  const tools = await switchboard.api<{ name: string; exposed_name: string }[]>(
    'GET',
    '/api/v1/servers/odd/tools',
  );
  const exposed = tools.find((tool) => tool.name === LONG_TOOL_NAME)?.exposed_name;
  const agent = await connectAgent(switchboard, 'Long Names');
  try {
    await agent.call(exposed ?? LONG_TOOL_NAME, {});
  } finally {
    await agent.close();
  }
  const page = await openUi('#/summary');
  const chart = page.getByTestId('top-tools');
  await saveScreenshot(page, 'summary-long-tool-name');
  const label = chart.locator('text', { hasText: 'summarize_' });
  await expect(label).toHaveCount(1);
  const card = await chart.boundingBox();
  const box = await label.boundingBox();
  expect(card && box).toBeTruthy();
  if (!card || !box) return;
  expect(box.x).toBeGreaterThanOrEqual(card.x);
  expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
  await expect(label.locator('title')).toHaveText(LONG_TOOL_NAME);
});

test('small things: no favicon 404, a door-neutral duplicate-name error, tokens named alike, one-line filter bar at 1,400 px', async ({
  switchboard,
  openUi,
  page,
}) => {
  const notFound: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) notFound.push(response.url());
  });
  await page.setViewportSize({ width: 1400, height: 900 });
  for (let round = 0; round < 2; round++) {
    const token = await switchboard.api<{ id: string }>('POST', '/api/v1/settings/mcp-tokens', {
      name: 'Agent',
    });
    await switchboard.api('DELETE', `/api/v1/settings/mcp-tokens/${token.id}`);
  }
  await switchboard.api('POST', '/api/v1/settings/mcp-tokens', { name: 'Agent' });

  const ui = await openUi('#/activity');
  const options = await ui.getByLabel('Token').locator('option').allTextContents();
  expect(options.filter((text) => text.startsWith('Agent'))).toHaveLength(3);
  expect(new Set(options).size).toBe(options.length);
  // The filter bar is one row of controls at 1,400 px.
  await ui.getByLabel('Token').selectOption({ index: 3 });
  await saveScreenshot(ui, 'activity-filter-bar-1400');
  const bar = await ui.locator('.filter-bar').boundingBox();
  const search = await ui.getByLabel('Full-text search').boundingBox();
  expect(bar && search && bar.height < search.height * 2).toBe(true);
  expect(notFound).toEqual([]);

  await ui.goto(`${switchboard.baseUrl}/#/servers`);
  await ui.getByRole('button', { name: 'Add server' }).first().click();
  const form = ui.getByRole('form', { name: 'Add server' });
  await form.getByLabel('Name', { exact: true }).fill('everything');
  await form.getByLabel('Command line').fill('node');
  await form.getByRole('button', { name: 'Add server' }).click();
  const error = ui.locator('.notice, [role="alert"]').filter({ hasText: 'already exists' });
  await expect(error.first()).toContainText('Server "everything" already exists');
  await expect(error.first()).not.toContainText('/api/v1');
});

test.describe('times', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });

  test('are local by default with a UTC toggle, and custom ranges say which clock', async ({
    switchboard,
    openUi,
  }) => {
    const agent = await connectAgent(switchboard, 'Clock');
    try {
      await agent.call('everything__echo', { message: 'what time is it' });
    } finally {
      await agent.close();
    }
    const page = await openUi(
      '#/activity?start_time=2026-11-23T10:00:00.000Z&end_time=2099-01-01T00:00:00.000Z',
    );
    await expect(page.getByLabel('Time range')).toContainText(
      'Custom (local): 2026-11-23 15:30 → 2099-01-01 05:30',
    );
    await page.locator('.activity-row[data-id]').first().click();
    const time = page.locator('.fields dd').first();
    await expect(time).toContainText('(UTC+05:30)');
    await page
      .getByRole('group', { name: 'Time zone' })
      .getByRole('button', { name: 'UTC' })
      .click();
    await expect(time).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/);
    await expect(page.getByLabel('Time range')).toContainText('Custom (UTC): 2026-11-23 10:00');
    await page.reload();
    await expect(page.locator('.fields dd').first()).toContainText(' UTC');
  });
});
