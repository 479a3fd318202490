/**
 * Chunked deletes shared by clear and retention: each chunk is its own short transaction that
 * removes rows, their full-text entries and adjusts the maintained total, so the write lock is
 * never held for long.
 */
import type { SwitchboardDatabase } from '../db';

/**
 * Rows per chunk, for clear and retention alike. Each row deleted touches the table, ~11 indexes
 * and the full-text index (tens of µs): 1000 rows keep one chunk, and so the write lock and the
 * event-loop stall, to a few tens of ms.
 */
export const DELETE_CHUNK_ROWS = 1000;

export interface ActivityDeleter {
  /**
   * SPEC 12: deletes remove a prefix of the log in seq order. The first seq to keep for a time
   * cutoff: the longest prefix whose records are all older than `beforeMs` goes.
   */
  firstKeptBefore(beforeMs: number): number;
  /** The first seq to keep so that `keep` records remain. */
  firstKeptForCount(keep: number): number;
  /** The first seq to keep so that the `drop` oldest records go. */
  firstKeptDropping(drop: number): number;
  /** How many records lie below `firstKept`. */
  countBelow(firstKept: number): number;
  /** Seqs of the oldest rows below `firstKept`. */
  seqsBelow(firstKept: number, limit: number): number[];
  deleteSeqs(seqs: readonly number[]): number;
  /** Returns freed pages to the file system and truncates the WAL. */
  compact(): void;
}

export function createActivityDeleter(db: SwitchboardDatabase): ActivityDeleter {
  const { sqlite } = db;
  // One past the chain's head: where a prefix that takes every record ends.
  const pastHead = sqlite
    .prepare<[], number>('SELECT seq + 1 FROM audit_head WHERE id = 1')
    .pluck();
  // Walks seq order from the oldest and stops at the first record not older: the cost is the
  // prefix about to be deleted, not the time index's range of every newer record.
  const firstNotOlder = sqlite
    .prepare<[number], number>(
      'SELECT seq FROM activity NOT INDEXED WHERE timestamp_ms >= ? ORDER BY seq LIMIT 1',
    )
    .pluck();
  const seqFromNewest = sqlite
    .prepare<[number], number>('SELECT seq FROM activity ORDER BY seq DESC LIMIT 1 OFFSET ?')
    .pluck();
  const seqFromOldest = sqlite
    .prepare<[number], number>('SELECT seq FROM activity ORDER BY seq LIMIT 1 OFFSET ?')
    .pluck();
  const countBelow = sqlite
    .prepare<[number], number>('SELECT count(*) FROM activity WHERE seq < ?')
    .pluck();
  const seqsBelow = sqlite
    .prepare<[number, number], number>(
      'SELECT seq FROM activity WHERE seq < ? ORDER BY seq LIMIT ?',
    )
    .pluck();
  const endOfLog = (): number => pastHead.get() ?? 1;
  const deleteRows = sqlite.prepare<[string]>(
    'DELETE FROM activity WHERE seq IN (SELECT value FROM json_each(?))',
  );
  const deleteFts = sqlite.prepare<[string]>(
    'DELETE FROM activity_fts WHERE rowid IN (SELECT value FROM json_each(?))',
  );
  const subtractTotal = sqlite.prepare<[number]>(
    'UPDATE activity_totals SET records = max(records - ?, 0) WHERE id = 1',
  );
  const deleteSeqs = sqlite.transaction((seqs: readonly number[]): number => {
    const json = JSON.stringify(seqs);
    const removed = deleteRows.run(json).changes;
    deleteFts.run(json);
    subtractTotal.run(removed);
    return removed;
  });

  return {
    firstKeptBefore: (beforeMs) => firstNotOlder.get(beforeMs) ?? endOfLog(),
    firstKeptForCount: (keep) =>
      keep <= 0 ? endOfLog() : (seqFromNewest.get(keep - 1) ?? seqFromOldest.get(0) ?? endOfLog()),
    firstKeptDropping: (drop) => seqFromOldest.get(drop) ?? endOfLog(),
    countBelow: (firstKept) => countBelow.get(firstKept) ?? 0,
    seqsBelow: (firstKept, limit) => seqsBelow.all(firstKept, limit),
    deleteSeqs: (seqs) => (seqs.length === 0 ? 0 : deleteSeqs(seqs)),
    compact() {
      sqlite.exec('PRAGMA incremental_vacuum');
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}
