/**
 * A large activity log for queryStorm.bench.ts, written straight into activity.db: the real
 * schema (openDatabase's migrations), the records the store bench generates (30 days, bodies of
 * 0.1-2 KB) prepared as the record queue prepares them (redaction, truncation), and committed
 * by the recorder's own SQL side (createActivityWriter: the chained insert, the full-text rows, the
 * running total, a signed checkpoint per 1,000 records) in transactions of 5,000. Through the
 * recorder worker the same log took half an hour or more on a loaded machine (the queue's small
 * chunks, an fsync each); here it takes a few minutes.
 */
import { join } from 'node:path';
import { createActivityWriter } from '../../src/main/core/activity/recorder/activityWriter';
import {
  createStoragePolicy,
  prepareForStorage,
} from '../../src/main/core/activity/recorder/prepareForStorage';
import { toInsertParams, type ActivityInsertParams } from '../../src/main/core/activity/recordRow';
import { createCheckpointSigner, ensureAuditKey, loadPrivateKey } from '../../src/main/core/audit';
import { DEFAULT_ACTIVITY_SETTINGS } from '../../src/main/core/config';
import { openDatabase } from '../../src/main/core/db';
import { createGenerator } from './activityStore.bench';

const BATCH = 5000;

export interface BuiltLog {
  /** Records in the log when done. */
  records: number;
  /** Records this call added (a stopped build is continued). */
  added: number;
  seconds: number;
}

/**
 * Fills `dataDir`'s activity.db up to `total` records spread over the 30 days before `endMs`,
 * signing with the directory's audit key (created if missing, as the core does). A log that
 * already holds records is continued from there.
 */
export function buildStormLog(
  dataDir: string,
  total: number,
  options: { endMs?: number; log?: (line: string) => void } = {},
): BuiltLog {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const db = openDatabase(join(dataDir, 'activity.db'));
  try {
    // A bench fixture: a power cut may lose it (the next run rebuilds what has no marker).
    db.sqlite.pragma('synchronous = OFF');
    const key = ensureAuditKey(dataDir);
    const writer = createActivityWriter(db, {
      signer: createCheckpointSigner(loadPrivateKey(key.privateKeyFile), key.fingerprint),
    });
    const policy = createStoragePolicy(
      DEFAULT_ACTIVITY_SETTINGS.redact_keys,
      DEFAULT_ACTIVITY_SETTINGS.activity_max_response_size,
    );
    const existing = db.sqlite
      .prepare<[], number>('SELECT records FROM activity_totals WHERE id = 1')
      .pluck()
      .get();
    const from = existing ?? 0;
    if (from > 0) log(`storm: ${from} records already there, adding the rest`);
    const record = createGenerator(total, options.endMs ?? Date.now(), 30);
    for (let i = from; i < total; i += BATCH) {
      const rows: ActivityInsertParams[] = [];
      for (let j = i; j < Math.min(total, i + BATCH); j++)
        rows.push(toInsertParams(prepareForStorage(record(j), policy)));
      writer.insertRows(rows);
      if ((i + BATCH) % 100_000 === 0) log(`storm: ${i + BATCH} records`);
    }
    writer.checkpoint();
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      records: total,
      added: Math.max(0, total - from),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    db.close();
  }
}
