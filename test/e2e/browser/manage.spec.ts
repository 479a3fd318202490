/** Changing things from the UI: servers, policies (with the API's validation), tokens, pause. */
import { join } from 'node:path';
import { connectAgent } from './support/mcpAgent';
import { REPO_ROOT } from './support/switchboardProcess';
import { expect, test } from './support/fixtures';

const MEMORY = join(REPO_ROOT, 'node_modules/@modelcontextprotocol/server-memory/dist/index.js');

test('servers: add a command server, disable, enable and remove it', async ({ openUi }) => {
  const page = await openUi('#/servers');
  // Confirmations are in-app dialogs: a browser confirm() would fail the test.
  const browserDialogs: string[] = [];
  page.on('dialog', (dialog) => {
    browserDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('button', { name: 'Add server' }).click();
  const form = page.getByRole('form', { name: 'Add server' });
  await form.getByLabel('Name', { exact: true }).fill('bad name');
  await form.getByRole('button', { name: 'Add server' }).click();
  await expect(form.getByRole('alert')).toContainText('not a valid server name');

  await form.getByLabel('Name', { exact: true }).fill('memory');
  await form.getByLabel('Command line').fill(`"${process.execPath}" "${MEMORY}"`);
  await form.getByRole('button', { name: 'Add server' }).click();
  const row = page.locator('tr[data-server="memory"]');
  await expect(row).toContainText('ready', { timeout: 20_000 });

  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('disabled');
  await row.getByRole('button', { name: 'Enable' }).click();
  await expect(row).toContainText('ready', { timeout: 20_000 });
  await row.getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove memory?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Remove' }).click();
  await confirm.getByRole('button', { name: 'Remove server' }).click();
  await expect(row).toHaveCount(0);
  expect(browserDialogs).toEqual([]);
});

test('policies: local and API validation, then a saved rule blocks calls', async ({
  switchboard,
  openUi,
}) => {
  const page = await openUi('#/policies');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.locator('.rule').nth(1);
  await rule.getByLabel('Id').fill('no-env-dumps');
  await expect(rule).toContainText('The id "no-env-dumps" is already used by rule 1.');
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

  await rule.getByLabel('Id').fill('no-echo');
  await rule.getByLabel('Tool (glob)').fill('echo');
  await rule.getByLabel('Reason (shown to the agent and in the log)').fill('Echo is off today');
  await rule.getByLabel(/Only when arguments match/).fill('message: /[unclosed/');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('policy-error')).toBeVisible();

  await rule.getByLabel(/Only when arguments match/).fill('');
  await rule.getByRole('button', { name: 'Move up' }).click();
  await expect(page.locator('.rule').first()).toHaveAttribute('data-rule-id', 'no-echo');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Policies saved')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

  const agent = await connectAgent(switchboard, 'Claude Desktop');
  try {
    const result = await agent.call('everything__echo', { message: 'hi' });
    expect(result.text).toBe('Blocked by Switchboard policy "no-echo": Echo is off today');
  } finally {
    await agent.close();
  }
});

test('tokens: create shows the secret once; revoke asks in-app, then hides it behind a toggle', async ({
  switchboard,
  openUi,
}) => {
  const page = await openUi('#/tokens');
  const browserDialogs: string[] = [];
  page.on('dialog', (dialog) => {
    browserDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByLabel('Token name').fill('Cursor');
  await page.getByRole('button', { name: 'Create token' }).click();
  const created = page.getByTestId('created-token');
  await expect(created).toContainText(/swb_[A-Za-z0-9_-]{43}/);
  await page.getByRole('tab', { name: 'Cursor' }).click();
  await expect(page.getByTestId('connect-snippet')).toContainText('"Authorization": "Bearer swb_');
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toHaveCount(0);
  await expect(page.getByTestId('connect-snippet')).toContainText('<paste your swb_ token>');

  const row = page.getByTestId('tokens-table').locator('tr', { hasText: 'Cursor' });
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page
    .getByRole('alertdialog', { name: 'Revoke this token?' })
    .getByRole('button', { name: 'Revoke token' })
    .click();
  await expect(page.locator('.notice').last()).toContainText('Cursor revoked');
  // Revoked tokens are hidden until asked for.
  await expect(row).toHaveCount(0);
  await page.getByLabel('Show revoked (1)').check();
  await expect(row).toContainText('revoked');
  expect(browserDialogs).toEqual([]);

  // "View calls" opens the log filtered by that token.
  const tokens = await switchboard.api<{ id: string; name: string }[]>(
    'GET',
    '/api/v1/settings/mcp-tokens',
  );
  const cursor = tokens.find((token) => token.name === 'Cursor');
  await row.getByRole('link', { name: 'View calls' }).click();
  await expect(page).toHaveURL(new RegExp(`#/activity\\?token=${cursor?.id ?? 'missing'}`));
  await expect(page.getByLabel('Token')).toHaveValue(cursor?.id ?? '');
});

test('pause holds new rows in an "N new" pill', async ({ switchboard, openUi }) => {
  const agent = await connectAgent(switchboard, 'Claude Desktop');
  try {
    await agent.call('everything__echo', { message: 'before pause' });
    const page = await openUi('#/activity');
    const rows = page.locator('.activity-row[data-id]');
    await expect(rows).toHaveCount(1);
    await page.getByRole('button', { name: /Pause/ }).click();
    await agent.call('everything__echo', { message: 'during pause 1' });
    await agent.call('everything__echo', { message: 'during pause 2' });
    const pill = page.getByRole('button', { name: '2 new' });
    await expect(pill).toBeVisible();
    await expect(rows).toHaveCount(1);
    await pill.click();
    await expect(rows).toHaveCount(3);
    await expect(page.getByRole('button', { name: /Pause/ })).toBeVisible();
  } finally {
    await agent.close();
  }
});
