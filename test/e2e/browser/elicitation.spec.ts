/**
 * SPEC 10, elicitation in the browser UI: a real agent calls server-everything's tools that send
 * `elicitation/create` through Switchboard; the request appears live above the view, the person
 * answers it in the generated form, and the upstream's answer reaches the waiting agent.
 */
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expect, saveScreenshot, test } from './support/fixtures';
import { connectAgent } from './support/mcpAgent';
import { waitForServersReady } from './support/switchboardProcess';

const ASKING_SERVER = fileURLToPath(new URL('./support/askingServer.mjs', import.meta.url));
const LOOKALIKE_URL = 'https://switchboard.example@evil.test/login';

const FORM_TOOL = 'everything__trigger-elicitation-request';
const URL_TOOL = 'everything__trigger-url-elicitation';
const CARD = { name: 'everything asks for input' } as const;

async function screenshots(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [width, height] of [
      [1400, 900],
      [900, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await saveScreenshot(page, `${name}-${colorScheme}-${width}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('an elicitation appears live; bad input is named beside its field; Accept sends the form to the upstream', async ({
  switchboard,
  openUi,
}) => {
  const page = await openUi('#/activity');
  const agent = await connectAgent(switchboard, 'Claude Desktop');
  const call = agent.call(FORM_TOOL, {});

  const card = page.getByRole('article', CARD);
  await expect(card).toBeVisible();
  await expect(card).toContainText('Please provide inputs for the following fields:');
  await expect(card.locator('.approval-countdown')).toHaveText(/^\d+ s$/);
  const callLink = card.getByRole('link', { name: FORM_TOOL });
  await expect(callLink).toHaveAttribute('href', /^#\/activity\?id=/);
  const recordId = new URLSearchParams(
    (await callLink.getAttribute('href'))?.split('?')[1] ?? '',
  ).get('id');
  // SEP-1034 defaults are prefilled; SEP-1330 enums are offered with their titles.
  const integer = card.getByRole('textbox', { name: 'Integer', exact: true });
  await expect(integer).toHaveValue('42');
  await expect(card.getByRole('textbox', { name: 'String with default', exact: true })).toHaveValue(
    'It was a dark and stormy night.',
  );
  await expect(
    card.getByRole('combobox', { name: 'Titled Single Select Enum', exact: true }),
  ).toHaveValue('hero-1');
  await expect(
    card.getByRole('group', { name: 'Titled Multiple Select Enum', exact: true }),
  ).toContainText('Salmon');
  await screenshots(page, 'elicitation-form');

  // Empty required field and a number out of range: each error beside its field, focus on the first.
  await integer.fill('500');
  await card.getByRole('button', { name: 'Accept' }).click();
  const name = card.getByRole('textbox', { name: 'String', exact: true });
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expect(name).toHaveAccessibleDescription(/Required/);
  await expect(integer).toHaveAccessibleDescription(/Expected at most 100, got 500/);
  await screenshots(page, 'elicitation-errors');

  // By keyboard: type into the focused field, fix the number, tick boxes, Enter accepts.
  await page.keyboard.type('Ada Lovelace');
  await integer.fill('7');
  await card.getByRole('checkbox', { name: 'Boolean', exact: true }).check();
  await card.getByRole('checkbox', { name: 'Piano' }).check();
  await card
    .getByRole('combobox', { name: 'Legacy Titled Single Select Enum' })
    .selectOption({ label: 'Dogs' });
  await integer.press('Enter');

  const result = await call;
  expect(result.isError).toBe(false);
  expect(result.text).toContain('User provided the requested information!');
  const raw = JSON.parse(result.text.slice(result.text.indexOf('{'))) as {
    action: string;
    content: Record<string, unknown>;
  };
  expect(raw).toMatchObject({
    action: 'accept',
    content: {
      name: 'Ada Lovelace',
      check: true,
      firstLine: 'It was a dark and stormy night.',
      integer: 7,
      number: 3.14,
      untitledMultipleSelectEnum: ['Guitar', 'Piano'],
      titledSingleSelectEnum: 'hero-1',
      legacyTitledEnum: 'pet-2',
    },
  });
  await expect(card).toHaveCount(0);
  // The call's record carries the exchange, answered through the browser UI.
  await expect
    .poll(async () => {
      const record = await switchboard
        .api<{ metadata: { elicitations?: unknown[] } | null }>(
          'GET',
          `/api/v1/activity/${recordId}`,
        )
        .catch(() => null);
      return record?.metadata?.elicitations ?? null;
    })
    .toEqual([
      expect.objectContaining({
        message: 'Please provide inputs for the following fields:',
        action: 'accept',
        decided_by: 'ui',
      }),
    ]);
  await agent.close();
});

test('Decline tells the upstream no, and the agent hears it', async ({ switchboard, openUi }) => {
  const page = await openUi('#/summary');
  const agent = await connectAgent(switchboard, 'Cursor');
  const call = agent.call(FORM_TOOL, {});
  const card = page.getByRole('article', CARD);
  await card.getByRole('button', { name: 'Decline' }).click();
  const result = await call;
  expect(result.text).toContain('User declined to provide the requested information.');
  await expect(card).toHaveCount(0);
  await agent.close();
});

test('URL mode shows the link and opens it only after the person confirms', async ({
  switchboard,
  openUi,
}) => {
  const page = await openUi('#/activity');
  const agent = await connectAgent(switchboard, 'VS Code');
  const target = `${switchboard.baseUrl}/elicitation-landing?step=1`;
  const call = agent.call(URL_TOOL, { url: target, message: 'Sign in to continue' });

  const card = page.getByRole('article', CARD);
  await expect(card).toContainText('Sign in to continue');
  await expect(card).toContainText(target);
  await card.getByRole('button', { name: 'Open link…' }).click();
  const confirm = card.getByRole('group', { name: 'Confirm opening the link' });
  await expect(confirm).toContainText(`Open ${new URL(target).host} in your browser?`);
  await screenshots(page, 'elicitation-url-confirm');

  // Back closes the question without opening anything; focus returns to the button.
  await confirm.getByRole('button', { name: 'Back' }).click();
  await expect(card.getByRole('button', { name: 'Open link…' })).toBeFocused();

  await page.keyboard.press('Enter');
  const popup = page.waitForEvent('popup');
  await card.getByRole('button', { name: 'Open in browser' }).click();
  expect((await popup).url()).toBe(target);
  const result = await call;
  expect(result.text).toContain('User completed the URL elicitation flow.');
  await expect(card).toHaveCount(0);
  await agent.close();
});

test('untrusted text: a spoofing message shows its hidden characters, a look-alike URL its real host', async ({
  switchboard,
  openUi,
}) => {
  await switchboard.api('POST', '/api/v1/servers', {
    name: 'asking',
    command: process.execPath,
    args: [ASKING_SERVER],
  });
  await waitForServersReady(switchboard);
  const page = await openUi('#/activity');
  const agent = await connectAgent(switchboard, 'Claude Desktop');

  const deploy = agent.call('asking__deploy', {});
  const card = page.getByRole('article', { name: 'asking asks for input' });
  const message = card.locator('.elicitation-message');
  await expect(message.locator('bdi')).toHaveAttribute('dir', 'auto');
  await expect(message.locator('.esc')).toHaveText(['\\u202E', '\\u202C', '\\u200B']);
  await screenshots(page, 'elicitation-spoofed');

  // A date-time default shows in local time and goes back as the same instant.
  await expect(card.getByLabel('When')).not.toHaveValue('');
  const replicas = card.getByRole('textbox', { name: 'Replicas' });
  await replicas.fill('0');
  await replicas.press('Enter');
  await expect(replicas).toHaveAccessibleDescription(/Expected at least 1, got 0/);
  await replicas.fill('3');
  await replicas.press('Enter');
  expect(JSON.parse((await deploy).text)).toEqual({
    action: 'accept',
    content: { when: '2026-12-24T18:00:00.000Z', replicas: 3, region: 'eu-west-1' },
  });

  const signIn = agent.call('asking__sign_in', {});
  await expect(card).toContainText(LOOKALIKE_URL);
  await card.getByRole('button', { name: 'Open link…' }).click();
  await expect(card.getByRole('group', { name: 'Confirm opening the link' })).toContainText(
    'Open evil.test in your browser?',
  );
  await card.getByRole('button', { name: 'Back' }).click();
  await card.getByRole('button', { name: 'Cancel' }).click();
  expect(JSON.parse((await signIn).text)).toEqual({ action: 'cancel' });
  await agent.close();
});

test('Settings chooses who answers questions from servers, saved at once and kept after a reload', async ({
  switchboard,
  openUi,
}) => {
  const page = await openUi('#/settings');
  const card = page.getByRole('region', { name: 'Questions from servers' });
  const who = card.getByLabel('Who answers');
  await expect(who).toHaveValue('switchboard');
  await who.selectOption('agent');
  await expect(page.getByText('Saved: who answers questions from servers')).toBeVisible();
  expect(
    (await switchboard.api<{ elicitation: string }>('GET', '/api/v1/settings')).elicitation,
  ).toBe('agent');
  await saveScreenshot(page, 'settings-elicitation');
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'Questions from servers' }).getByLabel('Who answers'),
  ).toHaveValue('agent');
});
