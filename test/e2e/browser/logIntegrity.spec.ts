/**
 * SPEC 12 in the UI: Settings → Log integrity verifies the real log a running Switchboard keeps,
 * showing the count, the seq range and the head; after the test tampers with activity.db through
 * SQLite directly, Verify names the first broken seq and what broke there.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ActivityPage } from '../../../src/shared/activity';
import type { ChainVerifyResult } from '../../../src/shared/audit';
import { connectAgent } from './support/mcpAgent';
import { expect, saveScreenshot, test } from './support/fixtures';

const CALLS = 12;

test('Verify shows ok with count, range and head, then the broken seq and its kind after tampering', async ({
  switchboard,
  openUi,
}) => {
  const agent = await connectAgent(switchboard, 'Claude Desktop');
  try {
    for (let i = 0; i < CALLS; i++) await agent.call('everything__echo', { message: `call ${i}` });
  } finally {
    await agent.close();
  }
  // The recorder commits off the call path: wait until every call is in the log.
  await expect
    .poll(async () => (await switchboard.api<ActivityPage>('GET', '/api/v1/activity')).total)
    .toBeGreaterThanOrEqual(CALLS);
  const expected = await switchboard.api<ChainVerifyResult>('GET', '/api/v1/activity/verify');
  if (!expected.ok) throw new Error(`the fresh log does not verify: ${expected.message}`);

  const page = await openUi('#/settings');
  const card = page.getByRole('region', { name: 'Log integrity' });
  await expect(card).toContainText(/sha256:[0-9a-f]{64}/);
  await card.getByRole('button', { name: 'Verify' }).click();
  const outcome = card.getByTestId('verify-result');
  await expect(outcome).toContainText('The chain verifies.');
  await expect(outcome).toContainText(
    `${expected.records} records (seq ${expected.first_seq}–${expected.last_seq})`,
  );
  await expect(outcome).toContainText(`head ${expected.head_hash.slice(0, 16)}…`);
  await saveScreenshot(page, 'settings-log-integrity-ok');

  // Tamper with the file while Switchboard runs, as someone with the database would.
  const sqlite = new Database(join(switchboard.dataDir, 'activity.db'));
  try {
    const editedSeq = expected.first_seq! + 4;
    const edit = sqlite
      .prepare('UPDATE activity SET arguments = \'{"message":"forged"}\' WHERE seq = ?')
      .run(editedSeq);
    expect(edit.changes).toBe(1);
    await card.getByRole('button', { name: 'Verify' }).click();
    await expect(outcome).toContainText(`Broken at seq ${editedSeq}: edited`);

    // A deletion before it is now the first break.
    const deletedSeq = expected.first_seq! + 2;
    expect(sqlite.prepare('DELETE FROM activity WHERE seq = ?').run(deletedSeq).changes).toBe(1);
    await card.getByRole('button', { name: 'Verify' }).click();
    await expect(outcome).toContainText(`Broken at seq ${deletedSeq}: deleted`);
    await saveScreenshot(page, 'settings-log-integrity-broken');
  } finally {
    sqlite.close();
  }
});
