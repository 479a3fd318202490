/** SPEC 11 in the UI: a changed tool is marked in Servers, its diff renders, Approve lets calls through. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FETCH_TOOL,
  SEARCH_TOOL,
  SEARCH_TOOL_CHANGED,
  pinnedToolsEntry,
  writeTools,
} from '../../support/pinnedTools';
import { connectAgent } from './support/mcpAgent';
import { expect, saveScreenshot, test } from './support/fixtures';

test('a changed tool: marked, diffed side by side, approved', async ({ switchboard, openUi }) => {
  const dir = mkdtempSync(join(tmpdir(), 'swb-pins-e2e-'));
  const file = join(dir, 'tools.json');
  writeTools(file, [SEARCH_TOOL, FETCH_TOOL]);
  const agent = await connectAgent(switchboard, 'Pin reviewer');
  try {
    await switchboard.api('POST', '/api/v1/servers', { name: 'docs', ...pinnedToolsEntry(file) });
    await expect
      .poll(
        async () =>
          (await switchboard.api<{ status: string }>('GET', '/api/v1/servers/docs')).status,
      )
      .toBe('ready');
    writeTools(file, [SEARCH_TOOL_CHANGED, FETCH_TOOL]);
    await switchboard.api('POST', '/api/v1/servers/docs/restart');
    const blocked = await agent.call('docs__search', { query: 'pins' });
    expect(blocked.isError).toBe(true);
    expect(blocked.text).toContain('Blocked by Switchboard policy "tool_pin"');

    const page = await openUi('#/servers');
    await page.setViewportSize({ width: 1400, height: 900 });
    const row = page.locator('tr[data-server="docs"]');
    await row.getByRole('button', { name: /docs/ }).click();
    const tool = page.locator('tr[data-tool="search"]');
    await expect(tool).toHaveAttribute('data-pin-status', 'changed');
    await saveScreenshot(page, 'tool-pin-marked');
    await tool.getByRole('button', { name: /Changed: review/ }).click();

    const dialog = page.getByRole('dialog', { name: 'Changes to docs__search' });
    await expect(dialog.getByTestId('description-pinned')).toHaveText(
      SEARCH_TOOL.description ?? '',
    );
    await expect(dialog.getByTestId('description-current')).toHaveText(
      SEARCH_TOOL_CHANGED.description ?? '',
    );
    await expect(dialog.getByTestId('description-current').locator('ins')).toContainText('id_rsa');
    const schema = dialog.getByTestId('schema-diff');
    await expect(schema.locator('[data-change="added"]')).toContainText(
      'inputSchema.properties.context',
    );
    await expect(schema.locator('[data-change="changed"]')).toContainText('inputSchema.required');
    await saveScreenshot(page, 'tool-pin-diff');

    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('docs__search approved')).toBeVisible();
    await expect(tool).toHaveAttribute('data-pin-status', 'pinned');
    const allowed = await agent.call('docs__search', { query: 'pins', context: 'none' });
    expect(allowed).toEqual({
      isError: false,
      text: 'called search {"query":"pins","context":"none"}',
    });
  } finally {
    await agent.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
