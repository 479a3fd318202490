/** SPEC 10 in the browser UI: a held call appears live above the view and a click decides it. */
import { expect, saveScreenshot, test } from './support/fixtures';
import { connectAgent } from './support/mcpAgent';

const ASK_ECHO = {
  id: 'ask-echo',
  effect: 'ask',
  server: 'everything',
  tool: 'echo',
  reason: 'Echo needs a person',
};

test('a held call appears live; Allow once (by keyboard) returns the result to the waiting agent', async ({
  switchboard,
  openUi,
}) => {
  await switchboard.api('PUT', '/api/v1/policies', [ASK_ECHO]);
  const page = await openUi('#/activity');
  const agent = await connectAgent(switchboard, 'Claude Desktop');
  const call = agent.call('everything__echo', { message: 'ship it', password: 'hunter2' });

  const card = page.getByRole('article', { name: 'Approve everything__echo?' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('ask-echo');
  await expect(card).toContainText('Echo needs a person');
  await expect(card).toContainText('Claude Desktop');
  await expect(card).toContainText('"ship it"');
  await expect(card).toContainText('[REDACTED]');
  await expect(card).not.toContainText('hunter2');
  await expect(card.locator('.approval-countdown')).toHaveText(/^\d+ s$/);

  await page.setViewportSize({ width: 1400, height: 900 });
  await saveScreenshot(page, 'approvals-pending-1400');
  await page.setViewportSize({ width: 900, height: 700 });
  await saveScreenshot(page, 'approvals-pending-900');

  await card.getByRole('button', { name: 'Allow once' }).focus();
  await page.keyboard.press('Enter');
  expect(await call).toEqual({ isError: false, text: 'Echo: ship it' });
  await expect(card).toHaveCount(0);
  await agent.close();
});

test('Deny gives the agent the denial', async ({ switchboard, openUi }) => {
  await switchboard.api('PUT', '/api/v1/policies', [ASK_ECHO]);
  const page = await openUi('#/summary');
  const agent = await connectAgent(switchboard, 'Cursor');
  const call = agent.call('everything__echo', { message: 'rm -rf' });
  const card = page.getByRole('article', { name: 'Approve everything__echo?' });
  await card.getByRole('button', { name: 'Deny' }).click();
  expect(await call).toEqual({ isError: true, text: 'Denied in Switchboard (policy "ask-echo")' });
  await expect(card).toHaveCount(0);
  await agent.close();
});

test('Always allow this tool writes an allow rule above the ask rule, then allows the call', async ({
  switchboard,
  openUi,
}) => {
  const blockEnv = { id: 'no-env', effect: 'block', tool: 'get-env', reason: 'No env' };
  await switchboard.api('PUT', '/api/v1/policies', [blockEnv, ASK_ECHO]);
  const page = await openUi('#/policies');
  const agent = await connectAgent(switchboard, 'VS Code');
  const call = agent.call('everything__echo', { message: 'always' });
  const card = page.getByRole('article', { name: 'Approve everything__echo?' });
  await card.getByRole('button', { name: 'Always allow this tool' }).click();
  expect(await call).toEqual({ isError: false, text: 'Echo: always' });

  const rules = await switchboard.api<{ id: string; effect: string }[]>('GET', '/api/v1/policies');
  expect(rules.map((rule) => `${rule.effect} ${rule.id}`)).toEqual([
    'block no-env',
    'allow allow-everything-echo',
    'ask ask-echo',
  ]);
  // The next call is not asked.
  expect(await agent.call('everything__echo', { message: 'again' })).toEqual({
    isError: false,
    text: 'Echo: again',
  });
  await agent.close();
});

test('from a blocked record: the rule link, and "Ask before this tool" prefills a rule that lands first', async ({
  switchboard,
  openUi,
}) => {
  await switchboard.api('PUT', '/api/v1/policies', [
    { id: 'no-echo', effect: 'block', tool: 'echo', reason: 'Off today' },
  ]);
  const agent = await connectAgent(switchboard, 'Cursor');
  await agent.call('everything__echo', { message: 'x' });
  await agent.close();
  const page = await openUi('#/activity');
  await page.getByText('echo').first().click();
  const detail = page.getByTestId('block-reason');
  await expect(detail.getByRole('link', { name: 'no-echo' })).toBeVisible();
  await page.getByRole('button', { name: 'Ask before this tool' }).click();
  await expect(page.getByTestId('rule-lands')).toContainText('position 1 of 2');
  await expect(page.locator('.rule').first()).toHaveAttribute('data-rule-id', /^ask-echo/);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Policies saved')).toBeVisible();
  const rules = await switchboard.api<{ id: string; effect: string }[]>('GET', '/api/v1/policies');
  expect(rules.map((rule) => rule.effect)).toEqual(['ask', 'block']);
});
