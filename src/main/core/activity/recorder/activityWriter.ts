/**
 * The SQL side of the recorder: inserts a batch of rows, their full-text entries and the running
 * total in one transaction. Statements are prepared once. `createActivityWriter` runs on whatever
 * thread owns the connection: the recorder worker (activityWriterWorker.ts) or, without one, the
 * main thread (`createInlineRowWriter`).
 */
import type { SwitchboardDatabase } from '../../db';
import { createActivityDeleter } from '../activityDeletes';
import { INSERT_ACTIVITY_SQL, type ActivityInsertParams } from '../recordRow';

export interface ActivityWriter {
  /** Inserts all rows in one transaction; returns their commit sequence numbers. */
  insertRows(rows: readonly ActivityInsertParams[]): number[];
}

/**
 * Every write to the activity log's rows, on this thread or in the recorder worker: the record
 * queue's batches and retention's deletes. A rejection carries SQLite's `code` when it has one.
 */
export interface ActivityRowWriter {
  /** True when commits run on another thread, so they do not stall this one. */
  readonly offThread: boolean;
  /** Commits all rows in one transaction; resolves to their sequence numbers. */
  insertRows(rows: readonly ActivityInsertParams[]): Promise<number[]>;
  /** Deletes rows, their full-text entries and their share of the total in one transaction. */
  deleteSeqs(seqs: readonly number[]): Promise<number>;
  /** Returns freed pages to the file system and truncates the WAL. */
  compact(): Promise<void>;
  close(): Promise<void>;
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

  const insertAll = sqlite.transaction((rows: readonly ActivityInsertParams[]): number[] => {
    const seqs: number[] = [];
    for (const row of rows) {
      const seq = Number(insert.run(row).lastInsertRowid);
      insertFts.run(seq, row.tool_name, row.arguments, row.response, row.error_message, row.reason);
      seqs.push(seq);
    }
    addTotal.run(rows.length);
    return seqs;
  });

  return { insertRows: (rows) => insertAll(rows) };
}

/** The writer on the calling thread: each commit blocks it for as long as SQLite takes. */
export function createInlineRowWriter(db: SwitchboardDatabase): ActivityRowWriter {
  const writer = createActivityWriter(db);
  const deleter = createActivityDeleter(db);
  const settle = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  return {
    offThread: false,
    insertRows: (rows) => settle(() => writer.insertRows(rows)),
    deleteSeqs: (seqs) => settle(() => deleter.deleteSeqs(seqs)),
    compact: () => settle(() => deleter.compact()),
    close: () => Promise.resolve(),
  };
}
