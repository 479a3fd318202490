/**
 * Verify in parts (parallelVerify.ts): on a sound log the parts alone give the sequential
 * verifier's ok, field for field; on a broken one they decline and the sequential verifier names
 * the break. auditFixtures.ts holds every tamper test's result to the same (2, 3 and 7 parts).
 * Here the parts also run where they run in Switchboard: on the reader pool's worker threads.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReaderPool } from '../../../../src/main/core/activity/readers';
import {
  chainPlanOfFile,
  chainRanges,
  checkChainRangeOfFile,
  guidedChainRanges,
  loadPublicKey,
  readChainPlan,
  verifyChainFile,
  verifyInParts,
} from '../../../../src/main/core/audit';
import { SMALLEST_PART_RECORDS } from '../../../../src/main/core/audit/parallelVerify';
import type { UncheckedChainPlan } from '../../../../src/main/core/audit/chainVerifier';
import { ZERO_HASH, type AuditCheckpoint } from '../../../../src/shared/audit';
import { READER_WORKER_SOURCE } from '../../../support/workers';
import { chainedLog, resultInParts, type ChainedLog } from './auditFixtures';

let log: ChainedLog | null = null;
afterEach(() => {
  log?.cleanup();
  log = null;
});

const publicKeyOf = (l: ChainedLog) => loadPublicKey(join(l.dir, 'audit_key.pub.pem'));

function inParts(l: ChainedLog, parts: number) {
  const sqlite = new Database(l.file, { readonly: true });
  try {
    return resultInParts(sqlite, publicKeyOf(l), parts);
  } finally {
    sqlite.close();
  }
}

describe('verify in parts', () => {
  it('proves a sound log from its parts alone, equal to the sequential result', () => {
    log = chainedLog(2500);
    const sequential = log.verify();
    expect(sequential.ok).toBe(true);
    for (const parts of [2, 4, 9]) expect(inParts(log, parts)).toEqual(sequential);
  });

  it('declines when a part breaks, a checkpoint does not match or a record is missing', () => {
    log = chainedLog(2500);
    const sql = (text: string) => void log!.db.sqlite.prepare(text).run();
    sql(`UPDATE activity SET client_name = 'someone else' WHERE seq = 1900`);
    expect(inParts(log, 2)).toBeNull();
    expect(log.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 1900 });
  });

  it('declines at the seam between two parts (a record deleted where they join)', () => {
    log = chainedLog(2500);
    // Two parts of 1,250: the second starts at seq 1251.
    log.db.sqlite.prepare('DELETE FROM activity WHERE seq = 1251').run();
    expect(inParts(log, 2)).toBeNull();
    expect(log.verify()).toMatchObject({ ok: false, kind: 'deleted', seq: 1251 });
  });

  it('checks every signature in the parts, each checkpoint in one, and declines on a bad one', () => {
    log = chainedLog(2500);
    const sqlite = new Database(log.file, { readonly: true });
    const plan = readChainPlan(sqlite);
    sqlite.close();
    for (const parts of [2, 3, 7, 40]) {
      const signed = chainRanges(plan, parts).flatMap((range) => range.signed);
      expect(signed).toEqual(plan.checkpoints);
    }
    const signature = log.db.sqlite
      .prepare<[], string>('SELECT signature FROM audit_checkpoints WHERE seq = 2000')
      .pluck()
      .get()!;
    const forged = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    log.db.sqlite
      .prepare('UPDATE audit_checkpoints SET signature = ? WHERE seq = 2000')
      .run(forged);
    for (const parts of [2, 3, 7]) expect(inParts(log, parts)).toBeNull();
    expect(log.verify()).toMatchObject({ ok: false, kind: 'bad_signature', seq: 2000 });
  });

  it('cuts a large log into parts that shrink to the smallest, joined end to end', () => {
    const checkpoints: AuditCheckpoint[] = Array.from({ length: 1001 }, (_, i) => ({
      seq: i * 1000,
      hash: ZERO_HASH,
      created_at: '2026-12-06T00:00:00.000Z',
      key_fingerprint: 'sha256:key',
      signature: 'signature',
    }));
    const plan: UncheckedChainPlan = {
      head: { seq: 1_000_000, hash: ZERO_HASH, migrated_through_seq: 0 },
      checkpoints,
      total: 1_000_000,
      first_seq: 1,
      last_seq: 1_000_000,
    };
    const ranges = guidedChainRanges(plan, 2);
    const sizes = ranges.map((range) => range.to - range.from + 1);
    expect(sizes[0]).toBe(250_000);
    expect(sizes.slice(0, -1).every((size, i) => size >= sizes[i + 1]!)).toBe(true);
    expect(sizes.at(-2)).toBe(SMALLEST_PART_RECORDS);
    expect(ranges.every((range, i) => i === 0 || range.from === ranges[i - 1]!.to + 1)).toBe(true);
    expect(ranges[0]!.from).toBe(1);
    expect(ranges.at(-1)!.to).toBe(1_000_000);
    expect(ranges.flatMap((range) => range.signed)).toEqual(checkpoints);
    expect(ranges.flatMap((range) => range.checkpoint_seqs)).toEqual(
      checkpoints.slice(1).map((c) => c.seq),
    );
    // A part's share of the signatures follows its size.
    expect(ranges[0]!.signed.length).toBe(250);
  });

  it('runs its parts on the reader threads, with progress, and falls back to name a break', async () => {
    log = chainedLog(3000);
    const file = log.file;
    const pool = createReaderPool({
      entry: READER_WORKER_SOURCE,
      file,
      publicKeyFile: join(log.dir, 'audit_key.pub.pem'),
      log: () => {},
      parallelVerifyMinRecords: 0,
      onAnswered: ({ kind, threadId }) => {
        if (kind === 'verifyRange') rangeThreads.add(threadId);
      },
    });
    const rangeThreads = new Set<number>();
    try {
      const progress: number[] = [];
      const doors = {
        plan: () => chainPlanOfFile({ file, publicKey: publicKeyOf(log!) }),
        checkRange: (range: Parameters<typeof checkChainRangeOfFile>[1]) =>
          checkChainRangeOfFile({ file, publicKey: publicKeyOf(log!) }, range),
        sequential: () => verifyChainFile({ file, publicKey: publicKeyOf(log!) }),
      };
      const inProcess = await verifyInParts(doors, 2, 0);
      expect(inProcess).toEqual(log.verify());
      expect(await pool.verify((checked) => progress.push(checked))).toEqual(inProcess);
      expect(progress.at(-1)).toBe(3000);
      expect(rangeThreads.size).toBe(2);

      log.db.sqlite.prepare(`UPDATE activity SET response = 'forged' WHERE seq = 2999`).run();
      expect(await pool.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 2999 });
    } finally {
      await pool.close();
    }
  });
});
