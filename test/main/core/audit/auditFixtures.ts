/** A real chained log with signed checkpoints in a temp data directory, and a verifier for it. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  createActivityWriter,
  type ActivityWriter,
} from '../../../../src/main/core/activity/recorder/activityWriter';
import { toInsertParams } from '../../../../src/main/core/activity/recordRow';
import {
  createCheckpointSigner,
  ensureAuditKey,
  loadPrivateKey,
  loadPublicKey,
  verifyChain,
} from '../../../../src/main/core/audit';
import type { ChainVerifyResult } from '../../../../src/shared/audit';
import { makeRecord, tempDatabase, type TempDatabase } from '../activity/activityFixtures';

export interface ChainedLog extends TempDatabase {
  writer: ActivityWriter;
  /** Appends `count` records in batches of 100 (the recorder's usual batch). */
  append(count: number): void;
  verify(): ChainVerifyResult;
}

const T0 = Date.parse('2026-11-01T00:00:00.000Z');

export function chainedLog(records: number): ChainedLog {
  const temp = tempDatabase();
  const key = ensureAuditKey(temp.dir);
  const signer = createCheckpointSigner(loadPrivateKey(key.privateKeyFile), key.fingerprint);
  const writer = createActivityWriter(temp.db, { signer });
  writer.checkpoint(); // the startup checkpoint
  let written = 0;
  const append = (count: number): void => {
    for (let done = 0; done < count;) {
      const batch = Math.min(100, count - done);
      writer.insertRows(
        Array.from({ length: batch }, (_, i) =>
          toInsertParams(
            makeRecord(
              { arguments: { path: `/tmp/file-${written + i}.txt`, n: written + i } },
              T0 + (written + i) * 1000,
            ),
          ),
        ),
      );
      written += batch;
      done += batch;
    }
  };
  append(records);
  return {
    ...temp,
    writer,
    append,
    verify() {
      const sqlite = new Database(temp.file, { readonly: true });
      try {
        return verifyChain(sqlite, loadPublicKey(join(temp.dir, 'audit_key.pub.pem')));
      } finally {
        sqlite.close();
      }
    },
  };
}
