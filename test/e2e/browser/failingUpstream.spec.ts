/** Issue 17: a failing upstream is visible everywhere, with its retry schedule and "Retry now". */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_EVERYTHING } from '../../support/mcpServers';
import { expect, saveScreenshot, test } from './support/fixtures';

test('a failing server turns the badge and live indicator to warning; Servers counts down to the next retry and retries now', async ({
  switchboard,
  openUi,
}) => {
  // Fails (exit 3) until the flag file exists, then runs server-everything.
  const flag = join(switchboard.dataDir, 'upstream-fixed');
  const script = `require('fs').existsSync(${JSON.stringify(flag)}) ? import(${JSON.stringify(SERVER_EVERYTHING)}) : process.exit(3)`;
  await switchboard.api('POST', '/api/v1/servers', {
    name: 'flaky',
    command: process.execPath,
    args: ['-e', script, 'stdio'],
  });
  // Between attempts (the server is `connecting` during one) it says when the next is due.
  await expect
    .poll(async () => {
      const info = await switchboard.api<{ status: string; next_retry_at?: string }>(
        'GET',
        '/api/v1/servers/flaky',
      );
      return info.status === 'error' && !Number.isNaN(Date.parse(info.next_retry_at ?? ''));
    })
    .toBe(true);

  const page = await openUi('#/activity');
  const badge = page.getByTestId('servers-badge');
  await expect(badge).toHaveText('⚠ 1 failing');
  await expect(badge).toHaveAttribute('title', /1 server failing: flaky/);
  const indicator = page.locator('.connection[data-upstreams="failing"]');
  await expect(indicator).toContainText('Live · 1 failing');

  await indicator.click();
  const row = page.locator('tr[data-server="flaky"]');
  // The backoff doubles: within a few attempts the next one is seconds away.
  await expect(row.getByTestId('retry-countdown')).toHaveText(/Next retry in ([2-9]|\d\d+) s/, {
    timeout: 30_000,
  });
  await saveScreenshot(page, 'servers-failing');

  writeFileSync(flag, '');
  expect(existsSync(flag)).toBe(true);
  await row.getByRole('button', { name: 'Retry now' }).click();
  await expect(row.locator('.pill')).toHaveText('ready');
  await expect(page.locator('.notice').last()).toContainText('flaky connected');
  await expect(row.getByTestId('retry-countdown')).toHaveCount(0);
  await expect(badge).toHaveCount(0);
  await expect(page.locator('.connection[data-connection="live"]')).toHaveText('Live');
});
