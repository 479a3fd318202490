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

test('from a record: Block this tool with one of its arguments as the condition decides the next call with that argument only', async ({
  switchboard,
  openUi,
}) => {
  await switchboard.api('PUT', '/api/v1/policies', [ASK_ECHO]);
  const agent = await connectAgent(switchboard, 'Cursor');
  const page = await openUi('#/activity');
  const held = agent.call('everything__echo', { message: 'rm -rf /' });
  await page
    .getByRole('article', { name: 'Approve everything__echo?' })
    .getByRole('button', { name: 'Deny' })
    .click();
  await held;

  await page.getByText('echo').first().click();
  await page.getByRole('button', { name: 'Block this tool' }).click();
  const lands = page.getByTestId('rule-lands');
  await expect(lands).toContainText('position 1 of 2: it decides before every other rule');
  await lands.getByRole('radio', { name: 'message is rm -rf /' }).check();
  const newRule = page.locator('.rule').first();
  await expect(newRule.getByRole('textbox', { name: /Only when arguments match/ })).toHaveValue(
    'message: rm -rf /',
  );
  // Moving it below the ask rule shows where it lands now; back to the top before saving.
  await newRule.getByRole('button', { name: 'Move down' }).click();
  await expect(lands).toContainText('position 2 of 2, below "ask-echo"');
  await page.locator('.rule').nth(1).getByRole('button', { name: 'Move up' }).click();
  await saveScreenshot(page, 'rule-from-record-argument');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Policies saved')).toBeVisible();

  const rules = await switchboard.api<{ id: string; effect: string; arguments?: unknown }[]>(
    'GET',
    '/api/v1/policies',
  );
  expect(rules.map((rule) => [rule.effect, rule.arguments ?? null])).toEqual([
    ['block', { message: 'rm -rf /' }],
    ['ask', null],
  ]);
  // The next call with that argument is blocked by the new rule; another value is asked.
  const blocked = await agent.call('everything__echo', { message: 'rm -rf /' });
  expect(blocked).toEqual({
    isError: true,
    text: `Blocked by Switchboard policy "${rules[0]?.id}": Blocked from a record`,
  });
  const asked = agent.call('everything__echo', { message: 'hello' });
  await page
    .getByRole('article', { name: 'Approve everything__echo?' })
    .getByRole('button', { name: 'Allow once' })
    .click();
  expect(await asked).toEqual({ isError: false, text: 'Echo: hello' });
  await agent.close();
});

test('from a held call (an approval notification\'s "Block this tool"): its arguments are offered while it waits', async ({
  switchboard,
  openUi,
}) => {
  await switchboard.api('PUT', '/api/v1/policies', [ASK_ECHO]);
  const agent = await connectAgent(switchboard, 'Cursor');
  const held = agent.call('everything__echo', { message: 'deploy', target: 'prod' });
  const page = await openUi('#/activity');
  const card = page.getByRole('article', { name: 'Approve everything__echo?' });
  await expect(card).toBeVisible();
  const [approval] = await switchboard.api<{ id: string }[]>('GET', '/api/v1/approvals');
  // The address the desktop shell opens for the notification's action.
  await page.evaluate((id) => {
    window.location.hash = `#/policies?add=block&server=everything&tool=echo&record=${id}`;
  }, approval?.id ?? '');
  const lands = page.getByTestId('rule-lands');
  await lands.getByRole('radio', { name: 'target is prod' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Policies saved')).toBeVisible();
  // The held call still waits for its own decision.
  await card.getByRole('button', { name: 'Deny' }).click();
  expect((await held).isError).toBe(true);
  const blocked = await agent.call('everything__echo', { message: 'again', target: 'prod' });
  expect(blocked.text).toMatch(/^Blocked by Switchboard policy "block-echo/);
  // Saved, the rule is no longer new: a later edit does not bring its callout back.
  await page.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.locator('.rule')).toHaveCount(3);
  await expect(lands).toHaveCount(0);
  await agent.close();
});
