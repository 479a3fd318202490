/** Export from the browser: a real download whose rows are exactly the filtered records. */
import { readFile } from 'node:fs/promises';
import { connectAgent } from './support/mcpAgent';
import { expect, test } from './support/fixtures';

test('an export downloads a file whose rows match the filter', async ({ switchboard, openUi }) => {
  const agent = await connectAgent(switchboard, 'Cursor');
  try {
    for (let i = 0; i < 5; i++) await agent.call('everything__echo', { message: `export-me ${i}` });
    for (let i = 0; i < 3; i++) await agent.call('everything__get-sum', { a: i, b: 1 });
    await agent.call('everything__get-env', {});
  } finally {
    await agent.close();
  }

  const page = await openUi('#/activity?tool=echo');
  await expect(page.locator('.activity-row[data-id]')).toHaveCount(5);

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export activity' });
  await dialog.getByLabel(/JSON/).check();
  await expect(dialog.getByLabel('Matching the current filters')).toBeChecked();
  // Before exporting: how many records each choice holds, and which filters make the slice.
  await expect(dialog.getByTestId('export-count-filtered')).toHaveText('(5 records)');
  await expect(dialog.getByTestId('export-count-all')).toHaveText('(9 records)');
  await expect(dialog.getByTestId('export-filters')).toHaveText('Tool: echo');
  await expect(dialog.getByTestId('export-file-name')).toHaveText(
    /Saved as switchboard-activity-\d{4}-\d{2}-\d{2}-filtered\.jsonl/,
  );
  const downloadPromise = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^switchboard-activity-[\d-]+-filtered\.jsonl$/);
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  expect(lines).toHaveLength(5);
  for (const line of lines) {
    const record = JSON.parse(line) as { tool_name: string; token_name: string };
    expect(record.tool_name).toBe('echo');
    expect(record.token_name).toBe('Cursor');
  }
  await expect(dialog.getByTestId('export-done')).toContainText('Exported 5 records');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // CSV of everything: a header and one row per record (9 calls).
  await page.getByRole('button', { name: 'Export…' }).click();
  await dialog.getByLabel('Everything').check();
  const csvPromise = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const csv = await csvPromise;
  expect(csv.suggestedFilename()).toMatch(/^switchboard-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvLines = (await readFile(await csv.path(), 'utf8')).trim().split(/\r?\n/);
  expect(csvLines[0]).toMatch(/^id,type,timestamp,server_name,tool_name,status/);
  expect(csvLines).toHaveLength(1 + 9);
  await expect(dialog.getByTestId('export-done')).toContainText('Exported 9 records');
});
