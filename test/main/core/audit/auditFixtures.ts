/** A real chained log with signed checkpoints in a temp data directory, and a verifier for it. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  createActivityWriter,
  type ActivityWriter,
} from '../../../../src/main/core/activity/recorder/activityWriter';
import { toInsertParams } from '../../../../src/main/core/activity/recordRow';
import {
  chainRanges,
  createCheckpointSigner,
  ensureAuditKey,
  loadPrivateKey,
  loadPublicKey,
  readChainPlan,
  resultFromParts,
  startChainRangeCheck,
  verifyChain,
} from '../../../../src/main/core/audit';
import type { AuditPublicKey } from '../../../../src/main/core/audit/auditKey';
import type { ChainVerifyResult } from '../../../../src/shared/audit';
import { makeRecord, tempDatabase, type TempDatabase } from '../activity/activityFixtures';

export interface ChainedLog extends TempDatabase {
  writer: ActivityWriter;
  /** Appends `count` records in batches of 100 (the recorder's usual batch). */
  append(count: number): void;
  /**
   * The sequential verifier's result. Each call also runs the parallel verify's parts (2, 3 and 7
   * of them) and throws if the ok they prove differs from the sequential result.
   */
  verify(): ChainVerifyResult;
}

/** What parallelVerify.ts concludes from `parts` parts, run one after another here. */
export function resultInParts(
  sqlite: Database.Database,
  publicKey: AuditPublicKey | null,
  parts: number,
): ChainVerifyResult | null {
  sqlite.exec('BEGIN');
  const plan = readChainPlan(sqlite);
  sqlite.exec('COMMIT');
  const summaries = chainRanges(plan, parts).map((range) => {
    const check = startChainRangeCheck(sqlite, range, publicKey);
    for (;;) {
      const summary = check.step(1000);
      if (summary !== null) return summary;
    }
  });
  return resultFromParts(plan, summaries);
}

export const T0 = Date.parse('2026-11-01T00:00:00.000Z');

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
        const publicKey = loadPublicKey(join(temp.dir, 'audit_key.pub.pem'));
        const sequential = verifyChain(sqlite, publicKey);
        for (const parts of [2, 3, 7]) {
          const inParts = resultInParts(sqlite, publicKey, parts);
          if (inParts !== null && JSON.stringify(inParts) !== JSON.stringify(sequential))
            throw new Error(
              `verify in ${parts} parts: ${JSON.stringify(inParts)}, sequential: ${JSON.stringify(sequential)}`,
            );
        }
        return sequential;
      } finally {
        sqlite.close();
      }
    },
  };
}
