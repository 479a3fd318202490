/**
 * Migration 5's data step (SPEC 12): chains the records that exist when it runs, in seq (commit)
 * order, oldest first, and stores the head. Seq gaps left by deletes before the chain existed
 * are recorded as `migrated_through_seq`, so a verifier accepts them where the links hold.
 */
import type Database from 'better-sqlite3';
import { ZERO_HASH } from '../../../shared/audit';
import { RECORD_COLUMNS } from '../activity/recordRow';
import { recordHash, type ChainRow } from './chainRecord';

const PAGE_ROWS = 1000;

export function chainExistingRecords(sqlite: Database.Database): void {
  const page = sqlite.prepare<[number, number], ChainRow>(
    `SELECT ${RECORD_COLUMNS} FROM activity WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const link = sqlite.prepare<[string, string, number]>(
    'UPDATE activity SET prev_hash = ?, hash = ? WHERE seq = ?',
  );
  let hash = ZERO_HASH;
  let seq = 0;
  for (;;) {
    const rows = page.all(seq, PAGE_ROWS);
    for (const row of rows) {
      const next = recordHash(hash, row);
      link.run(hash, next, row.seq);
      hash = next;
      seq = row.seq;
    }
    if (rows.length < PAGE_ROWS) break;
  }
  // AUTOINCREMENT may have handed out seqs whose rows are gone: new records continue after them.
  const issued =
    sqlite
      .prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'activity'")
      .pluck()
      .get() ?? 0;
  const through = Math.max(seq, issued);
  sqlite
    .prepare<[number, string, number]>(
      'INSERT INTO audit_head (id, seq, hash, migrated_through_seq) VALUES (1, ?, ?, ?)',
    )
    .run(through, hash, through);
}
