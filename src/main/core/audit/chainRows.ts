/**
 * The stored links verify walks (the sequential verifier and each part of a parallel one): raw
 * rows of the chain columns then `prev_hash` and `hash`, in seq order, a page at a time.
 */
import type Database from 'better-sqlite3';
import { CHAIN_COLUMNS_SQL, type CHAIN_COLUMNS, type ChainValues } from './chainRecord';

/** A raw row: the chain columns, then the stored link. */
export type StoredLink = [...ChainValues, prev_hash: string | null, hash: string | null];
export const SEQ = 14;
export const ID = 6;
export const PREV_HASH = 23;
export const HASH = 24;
// Fails to compile if CHAIN_COLUMNS moves these columns.
type Column<I extends number> = (typeof CHAIN_COLUMNS)[I];
const columnsAtTheirIndex: [
  Column<typeof SEQ>,
  Column<typeof ID>,
  (typeof CHAIN_COLUMNS)['length'],
] = ['seq', 'id', PREV_HASH];
void columnsAtTheirIndex;

/** Rows per query: past a few hundred, a page's garbage costs more than the statement. */
const PAGE_ROWS = 256;

/**
 * The rows with seq in [from, to], in seq order, a page at a time (keyed on seq, within the
 * caller's snapshot). Raw arrays, not row objects: one array per record and nothing else.
 */
export function storedLinks(
  sqlite: Database.Database,
  from = Number.MIN_SAFE_INTEGER,
  to = Number.MAX_SAFE_INTEGER,
): { next(): StoredLink | null } {
  const page = sqlite
    .prepare<[number, number], StoredLink>(
      `SELECT ${CHAIN_COLUMNS_SQL}, prev_hash, hash FROM activity
       WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${PAGE_ROWS}`,
    )
    .raw();
  let rows: StoredLink[] = [];
  let at = 0;
  let after = from - 1;
  let done = false;
  return {
    next() {
      if (at === rows.length) {
        if (done) return null;
        rows = page.all(after, to);
        at = 0;
        done = rows.length < PAGE_ROWS;
        if (rows.length === 0) return null;
        after = rows[rows.length - 1]![SEQ];
      }
      return rows[at++]!;
    },
  };
}
