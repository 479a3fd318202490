/**
 * SPEC 12 through the real core: the key on first run, the startup checkpoint, clearing and
 * retention gaps that verify as ok, a restart, and checkpoints from the recorder worker.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createActivityStore, createRetention } from '../../../../src/main/core/activity';
import { createInlineRowWriter } from '../../../../src/main/core/activity/recorder/activityWriter';
import { toInsertParams } from '../../../../src/main/core/activity/recordRow';
import {
  createCheckpointSigner,
  ensureAuditKey,
  loadPrivateKey,
} from '../../../../src/main/core/audit';
import {
  openSwitchboardCore,
  type SwitchboardCore,
} from '../../../../src/main/core/switchboardCore';
import type { AuditCheckpoint } from '../../../../src/shared/audit';
import { RECORDER_WORKER_SOURCE } from '../../../support/workers';
import { DEFAULT_SETTINGS, makeRecord, tempDatabase } from '../activity/activityFixtures';
import { chainedLog } from './auditFixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'swb-chain-'));
  writeFileSync(
    join(dir, 'mcp_config.json'),
    JSON.stringify({ listen: '127.0.0.1:0', api_key: 'k'.repeat(32) }),
  );
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function openCore(dir: string, worker = false): Promise<SwitchboardCore> {
  const core = await openSwitchboardCore({
    dataDir: dir,
    watchConfig: false,
    log: () => {},
    ...(worker ? { recorderWorker: RECORDER_WORKER_SOURCE } : {}),
  });
  cleanups.push(() => core.switchboard.close());
  return core;
}

async function record(core: SwitchboardCore, count: number, startMs = Date.now()): Promise<void> {
  for (let i = 0; i < count; i++) core.switchboard.recorder.enqueue(makeRecord({}, startMs + i));
  await core.switchboard.recorder.flush();
}

describe('the audit key and status', () => {
  it('creates audit_key.pem (0600) and audit_key.pub.pem on first run; status shows the fingerprint and the startup checkpoint', async () => {
    const dir = dataDir();
    const core = await openCore(dir);
    expect(statSync(join(dir, 'audit_key.pem')).mode & 0o777).toBe(0o600);
    const der = createPublicKey(readFileSync(join(dir, 'audit_key.pub.pem'))).export({
      type: 'spki',
      format: 'der',
    });
    const status = (await core.switchboard.service.getStatus()).audit;
    expect(status.key_fingerprint).toBe(`sha256:${createHash('sha256').update(der).digest('hex')}`);
    expect(status.latest_checkpoint).toMatchObject({ seq: 0, hash: '0'.repeat(64) });
  });
});

describe('gaps that verify as ok', () => {
  it('clearing before a time and then everything leaves a log that verifies', async () => {
    const core = await openCore(dataDir());
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    await record(core, 1500, t0);
    const { deleted } = await core.switchboard.service.clearActivity(
      { before: new Date(t0 + 600).toISOString() },
      { via: 'rest' },
    );
    expect(deleted).toBe(600);
    expect(await core.switchboard.audit.verify()).toMatchObject({ ok: true, first_seq: 601 });
    const gap = core.switchboard.audit.status().latest_checkpoint;
    const clearRecord = core.switchboard.activity.list({ limit: 1 }).activities[0];
    expect(gap).toMatchObject({ first_kept_seq: 601, reason: 'clear_log' });
    expect(clearRecord?.metadata).toMatchObject({ action: 'clear_log' });
    expect(gap?.clear_record_id).toBe(clearRecord?.id);

    await core.switchboard.service.clearActivity({ all: true }, { via: 'rest' });
    await record(core, 50);
    expect(await core.switchboard.audit.verify()).toMatchObject({ ok: true, records: 51 });
  });

  it('retention by count leaves a log that verifies, and new records continue the chain', async () => {
    const log = chainedLog(2500);
    cleanups.push(() => log.cleanup());
    const key = ensureAuditKey(log.dir);
    const writer = createInlineRowWriter(log.db, {
      signer: createCheckpointSigner(loadPrivateKey(key.privateKeyFile), key.fingerprint),
    });
    cleanups.push(() => writer.close());
    const retention = createRetention({
      db: log.db,
      writer,
      store: createActivityStore(log.db),
      settings: () => ({ ...DEFAULT_SETTINGS, activity_max_records: 700 }),
    });
    expect((await retention.runOnce()).by_count).toBe(1800);
    expect(log.verify()).toMatchObject({ ok: true, records: 700, first_seq: 1801 });
    log.append(1500);
    expect(log.verify()).toMatchObject({ ok: true, records: 2200, last_seq: 4000 });
  });

  it('a prefix deleted without a gap checkpoint is reported as deleted', () => {
    const log = chainedLog(1200);
    cleanups.push(() => log.cleanup());
    log.db.sqlite.exec('DELETE FROM activity WHERE seq < 101');
    expect(log.verify()).toMatchObject({ ok: false, kind: 'deleted', seq: 1 });
  });
});

describe('restarts and the recorder worker', () => {
  it('a restart checkpoints at startup and the chain continues', async () => {
    const dir = dataDir();
    const first = await openCore(dir);
    await record(first, 1234);
    await first.switchboard.close();
    const second = await openCore(dir);
    expect(second.switchboard.audit.status().latest_checkpoint?.seq).toBe(1234);
    await record(second, 800);
    expect(await second.switchboard.audit.verify()).toMatchObject({
      ok: true,
      records: 2034,
      last_checkpoint_seq: 1234,
      unproved_records: 800,
    });
  });

  it('the worker signs the 1,000-record checkpoints and each reaches onDidWriteCheckpoint', async () => {
    const core = await openCore(dataDir(), true);
    const seen: AuditCheckpoint[] = [];
    core.switchboard.audit.onDidWriteCheckpoint((checkpoint) => seen.push(checkpoint));
    await record(core, 2100);
    await expect.poll(() => seen.map((c) => c.seq)).toEqual([1000, 2000]);
    const forced = await core.switchboard.audit.checkpoint();
    expect(forced?.seq).toBe(2100);
    await expect.poll(() => seen.length).toBe(3);
    expect(await core.switchboard.audit.verify()).toMatchObject({ ok: true, records: 2100 });
  });
});

describe('a writer without a key', () => {
  it('chains but writes no checkpoint', () => {
    const temp = tempDatabase();
    cleanups.push(() => temp.cleanup());
    const writer = createInlineRowWriter(temp.db);
    cleanups.push(() => writer.close());
    void writer.insertRows([toInsertParams(makeRecord())]);
    expect(temp.db.sqlite.prepare('SELECT count(*) FROM audit_checkpoints').pluck().get()).toBe(0);
  });
});
