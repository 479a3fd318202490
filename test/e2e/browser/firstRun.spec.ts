/** Issue 17: first run. "Run demo" starts the demo through Switchboard; snippets name the launcher. */
import { isAbsolute } from 'node:path';
import { expect, test } from './support/fixtures';

test.use({ switchboardOptions: { noServers: true } });

test('Run demo in the empty Activity view adds the demo server and fills the list', async ({
  switchboard,
  openUi,
}) => {
  const page = await openUi('#/activity');
  await expect(page.getByTestId('empty-activity')).toContainText('Welcome to Switchboard');
  await page.getByTestId('run-demo').click();
  await expect(page.locator('.notice').last()).toContainText(/Demo: 24 calls \(\d+ succeeded/);
  await expect(page.locator('.activity-row[data-id]').first()).toBeVisible();
  await expect(page.locator('.activity-row[data-status="blocked"]').first()).toBeVisible();
  const servers = await switchboard.api<{ name: string; status: string }[]>(
    'GET',
    '/api/v1/servers',
  );
  expect(servers).toEqual([expect.objectContaining({ name: 'demo', status: 'ready' })]);
  // The demo's token is revoked once it is done.
  const tokens = await switchboard.api<{ name: string; revoked: boolean }[]>(
    'GET',
    '/api/v1/settings/mcp-tokens',
  );
  expect(tokens.filter((token) => token.name === 'demo').every((token) => token.revoked)).toBe(
    true,
  );
});

test('the Claude Desktop snippet runs switchboard by absolute path (GUI apps have no shell PATH)', async ({
  switchboard,
  openUi,
}) => {
  const status = await switchboard.api<{ launcher?: { command: string; args: string[] } }>(
    'GET',
    '/api/v1/status',
  );
  expect(isAbsolute(status.launcher?.command ?? '')).toBe(true);
  expect(status.launcher?.args).toEqual([expect.stringMatching(/^\/.*switchboard\.js$/)]);

  const page = await openUi('#/tokens');
  const snippet = page.locator('pre', { hasText: '"mcpServers"' }).first();
  const config = JSON.parse((await snippet.textContent()) ?? '{}') as {
    mcpServers: { switchboard: { command: string; args: string[] } };
  };
  expect(config.mcpServers.switchboard.command).toBe(status.launcher?.command);
  expect(config.mcpServers.switchboard.args.slice(0, 2)).toEqual([
    status.launcher?.args[0],
    'connect',
  ]);
});
