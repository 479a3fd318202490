/**
 * The SQL side of the record queue: inserts a batch of prepared records, their full-text entries
 * and the running total in one transaction. Statements are prepared once.
 */
import type { ActivityRecord } from '../../../shared/activity';
import type { SwitchboardDatabase } from '../db';
import { INSERT_ACTIVITY_SQL, toInsertParams, type ActivityInsertParams } from './recordRow';

export interface ActivityWriter {
  /** Inserts all records in one transaction; returns their commit sequence numbers. */
  insertBatch(records: readonly ActivityRecord[]): number[];
}

export function createActivityWriter(db: SwitchboardDatabase): ActivityWriter {
  const { sqlite } = db;
  const insert = sqlite.prepare<ActivityInsertParams>(INSERT_ACTIVITY_SQL);
  const insertFts = sqlite.prepare<
    [number, string | null, string | null, string | null, string | null, string | null]
  >(
    `INSERT INTO activity_fts (rowid, tool_name, arguments, response, error_message, reason)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const addTotal = sqlite.prepare<[number]>(
    'UPDATE activity_totals SET records = records + ? WHERE id = 1',
  );

  const insertAll = sqlite.transaction((records: readonly ActivityRecord[]): number[] => {
    const seqs: number[] = [];
    for (const record of records) {
      const params = toInsertParams(record);
      const seq = Number(insert.run(params).lastInsertRowid);
      insertFts.run(
        seq,
        params.tool_name,
        params.arguments,
        params.response,
        params.error_message,
        params.reason,
      );
      seqs.push(seq);
    }
    addTotal.run(records.length);
    return seqs;
  });

  return { insertBatch: (records) => insertAll(records) };
}
