/**
 * SPEC 12's costs. `npx tsx test/bench/chain.bench.ts` (CHAIN_BENCH_RECORDS, CHAIN_BENCH_WRITES
 * to resize):
 * - the recorder's commit with the chain (hash per row, head update, a signed checkpoint per
 *   1,000 rows) beside the same commit without it (the statement of the build before the chain),
 *   on fresh databases with the store bench's records, alternating runs;
 * - verify over a 1M-record log: records/s and the process's memory while it runs.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivityWriter } from '../../src/main/core/activity/recorder/activityWriter';
import {
  INSERT_ACTIVITY_SQL,
  toInsertParams,
  type ActivityInsertParams,
} from '../../src/main/core/activity/recordRow';
import {
  createChainAppender,
  createCheckpointSigner,
  ensureAuditKey,
  loadPrivateKey,
  loadPublicKey,
  verifyChain,
} from '../../src/main/core/audit';
import { openDatabase, type SwitchboardDatabase } from '../../src/main/core/db';
import { createGenerator } from './activityStore.bench';
import { median, round } from './stats';

const BATCH = 200;

function signerFor(dir: string) {
  const key = ensureAuditKey(dir);
  return createCheckpointSigner(loadPrivateKey(key.privateKeyFile), key.fingerprint);
}

/** The recorder's transaction as it was before the chain (pre-migration-5 activityWriter.ts). */
function unchainedWriter(db: SwitchboardDatabase): (rows: readonly ActivityInsertParams[]) => void {
  const insert = db.sqlite.prepare<ActivityInsertParams>(INSERT_ACTIVITY_SQL);
  const insertFts = db.sqlite.prepare(
    `INSERT INTO activity_fts (rowid, tool_name, arguments, response, error_message, reason)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const addTotal = db.sqlite.prepare(
    'UPDATE activity_totals SET records = records + ? WHERE id = 1',
  );
  return db.sqlite.transaction((rows: readonly ActivityInsertParams[]) => {
    for (const row of rows) {
      const seq = Number(insert.run(row).lastInsertRowid);
      insertFts.run(seq, row.tool_name, row.arguments, row.response, row.error_message, row.reason);
    }
    addTotal.run(rows.length);
  });
}

/** Rows/s of `total` records committed in recorder-sized batches into a fresh database. */
function commitRate(chained: boolean, total: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'swb-bench-chain-'));
  const db = openDatabase(join(dir, 'activity.db'));
  try {
    const write = chained
      ? (
          (writer) => (rows: readonly ActivityInsertParams[]) =>
            void writer.insertRows(rows)
        )(createActivityWriter(db, { signer: signerFor(dir) }))
      : unchainedWriter(db);
    const generate = createGenerator(total, Date.now(), 30);
    let busyMs = 0;
    for (let i = 0; i < total; i += BATCH) {
      // Rows are prepared outside the clock, as the queue prepares them before the commit.
      const rows: ActivityInsertParams[] = [];
      for (let j = i; j < Math.min(total, i + BATCH); j++) rows.push(toInsertParams(generate(j)));
      const start = performance.now();
      write(rows);
      busyMs += performance.now() - start;
    }
    return Math.round(total / (busyMs / 1000));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A chained log of `total` records through the real chain appender (no full-text: verify never reads it). */
function buildChainedLog(dir: string, total: number): SwitchboardDatabase {
  const db = openDatabase(join(dir, 'activity.db'));
  const chain = createChainAppender(db.sqlite, signerFor(dir));
  const generate = createGenerator(total, Date.now(), 30);
  const commit = db.sqlite.transaction((rows: ActivityInsertParams[]) => {
    const batch = chain.begin();
    for (const row of rows) batch.append(row);
    batch.end();
    db.sqlite
      .prepare('UPDATE activity_totals SET records = records + ? WHERE id = 1')
      .run(rows.length);
  });
  chain.checkpoint();
  for (let i = 0; i < total; i += 1000) {
    const rows: ActivityInsertParams[] = [];
    for (let j = i; j < Math.min(total, i + 1000); j++) rows.push(toInsertParams(generate(j)));
    commit(rows);
  }
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return db;
}

export async function runChainBench(
  records = 1_000_000,
  writes = 50_000,
  log: (line: string) => void = console.error,
): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const put = (name: string, value: number, unit: string): void => {
    results[name] = value;
    log(`${name}: ${value} ${unit}`);
  };

  const without: number[] = [];
  const withChain: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    without.push(commitRate(false, writes));
    withChain.push(commitRate(true, writes));
  }
  put('recorder_commit_without_chain_rows_per_s', median(without), 'rows/s');
  put('recorder_commit_with_chain_rows_per_s', median(withChain), 'rows/s');
  put('recorder_commit_chain_ratio', round(median(withChain) / median(without), 3), '');

  const dir = mkdtempSync(join(tmpdir(), 'swb-bench-verify-'));
  try {
    const buildStart = performance.now();
    buildChainedLog(dir, records).close();
    put('verify_log_build_s', round((performance.now() - buildStart) / 1000, 1), 's');
    const publicKey = loadPublicKey(join(dir, 'audit_key.pub.pem'));
    const rates: number[] = [];
    let peakRssMb = 0;
    const rssBefore = process.memoryUsage().rss / 1e6;
    for (let rep = 0; rep < 3; rep++) {
      const sqlite = new Database(join(dir, 'activity.db'), { readonly: true });
      const start = performance.now();
      const result = verifyChain(sqlite, publicKey, () => {
        peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1e6);
      });
      const seconds = (performance.now() - start) / 1000;
      sqlite.close();
      if (!result.ok || result.records !== records)
        throw new Error(`verify bench: unexpected result ${JSON.stringify(result)}`);
      rates.push(Math.round(records / seconds));
    }
    put(`verify_${records / 1000}k_records_per_s`, median(rates), 'records/s');
    put(`verify_${records / 1000}k_seconds`, round(records / median(rates), 2), 's');
    put('verify_rss_growth_mb', round(peakRssMb - rssBefore, 1), 'MB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1]?.endsWith('chain.bench.ts')) {
  await runChainBench(
    Number(process.env.CHAIN_BENCH_RECORDS ?? 1_000_000),
    Number(process.env.CHAIN_BENCH_WRITES ?? 50_000),
  );
}
