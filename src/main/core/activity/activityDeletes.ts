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
  /** Seqs of the oldest rows (by timestamp) strictly before `beforeMs`. */
  oldestBefore(beforeMs: number, limit: number): number[];
  /** Seqs of the oldest rows, whatever their age. */
  oldest(limit: number): number[];
  /** (timestamp_ms, seq) of the row at position `offset` newest-first, or null. */
  keyAtOffset(offset: number): { timestamp_ms: number; seq: number } | null;
  /** Seqs of the oldest rows at or before `key` in newest-first order. */
  oldestUpTo(key: { timestamp_ms: number; seq: number }, limit: number): number[];
  deleteSeqs(seqs: readonly number[]): number;
  deleteAll(): number;
  /** Returns freed pages to the file system and truncates the WAL. */
  compact(): void;
}

export function createActivityDeleter(db: SwitchboardDatabase): ActivityDeleter {
  const { sqlite } = db;
  const oldestBefore = sqlite
    .prepare<[number, number], number>(
      'SELECT seq FROM activity WHERE timestamp_ms < ? ORDER BY timestamp_ms, seq LIMIT ?',
    )
    .pluck();
  const oldest = sqlite
    .prepare<[number], number>('SELECT seq FROM activity ORDER BY timestamp_ms, seq LIMIT ?')
    .pluck();
  const keyAtOffset = sqlite.prepare<[number], { timestamp_ms: number; seq: number }>(
    'SELECT timestamp_ms, seq FROM activity ORDER BY timestamp_ms DESC, seq DESC LIMIT 1 OFFSET ?',
  );
  const oldestUpTo = sqlite
    .prepare<[number, number, number, number], number>(
      `SELECT seq FROM activity WHERE timestamp_ms <= ? AND (timestamp_ms < ? OR seq <= ?)
       ORDER BY timestamp_ms, seq LIMIT ?`,
    )
    .pluck();
  const deleteRows = sqlite.prepare<[string]>(
    'DELETE FROM activity WHERE seq IN (SELECT value FROM json_each(?))',
  );
  const deleteFts = sqlite.prepare<[string]>(
    'DELETE FROM activity_fts WHERE rowid IN (SELECT value FROM json_each(?))',
  );
  const subtractTotal = sqlite.prepare<[number]>(
    'UPDATE activity_totals SET records = max(records - ?, 0) WHERE id = 1',
  );
  const totalRecords = sqlite
    .prepare<[], number>('SELECT records FROM activity_totals WHERE id = 1')
    .pluck();

  const deleteSeqs = sqlite.transaction((seqs: readonly number[]): number => {
    const json = JSON.stringify(seqs);
    const removed = deleteRows.run(json).changes;
    deleteFts.run(json);
    subtractTotal.run(removed);
    return removed;
  });

  const deleteAll = sqlite.transaction((): number => {
    const removed = totalRecords.get() ?? 0;
    // No WHERE: SQLite's truncate optimisation. AUTOINCREMENT keeps sqlite_sequence, so
    // sequence numbers still never repeat.
    sqlite.exec(`DELETE FROM activity; INSERT INTO activity_fts (activity_fts) VALUES ('delete-all');
      UPDATE activity_totals SET records = 0 WHERE id = 1;`);
    return removed;
  });

  return {
    oldestBefore: (beforeMs, limit) => oldestBefore.all(beforeMs, limit),
    oldest: (limit) => oldest.all(limit),
    keyAtOffset: (offset) => keyAtOffset.get(offset) ?? null,
    oldestUpTo: (key, limit) => oldestUpTo.all(key.timestamp_ms, key.timestamp_ms, key.seq, limit),
    deleteSeqs: (seqs) => (seqs.length === 0 ? 0 : deleteSeqs(seqs)),
    deleteAll: () => deleteAll(),
    compact() {
      sqlite.exec('PRAGMA incremental_vacuum');
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}
