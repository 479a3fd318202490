/**
 * The stored links verify walks (the sequential verifier and each part of a parallel one): per
 * record its seq, stored link and the text its hash covers as SQLite renders it
 * (chainRecordSql.ts), in seq order, a page at a time; and whether a record holds up: its text
 * hashes to its stored hash, or, where the rendering is not the canonical record, its values do.
 * A page is read as one string per row where it can be (every seq there, every row rendered),
 * else as columns; both give the same links.
 */
import type Database from 'better-sqlite3';
import {
  CHAIN_COLUMNS_SQL,
  hashedTextHash,
  valuesHash,
  type CanonicalForm,
  type ChainValues,
  type ChainValuesView,
} from './chainRecord';
import { HASH_CHARS, HASHED_TEXT_SQL, LINKED_TEXT_SQL } from './chainRecordSql';

/** A raw row: seq, the stored link, and the text the hash covers (null: check the values). */
export type StoredLink = [
  seq: number,
  prev_hash: string | null,
  hash: string | null,
  hashed_text: string | null,
];
export const SEQ = 0;
export const PREV_HASH = 1;
export const HASH = 2;
const HASHED_TEXT = 3;
/** Index of `id` in ChainValues. */
const ID = 6;

/** Rows per query: past a few hundred, a page's garbage costs more than the statement. */
const PAGE_ROWS = 256;

/**
 * How a row's values become its canonical record, tried in turn (chainRecord.ts's
 * CanonicalForm): `stored`, which every row written with canonical storage matches;
 * `canonicalize`, for rows written before it. A log of those older rows tries `canonicalize`
 * first until a row matches `stored` again, so it pays for the second try only where the two
 * kinds of row meet. Values no record could hold (arguments that are not JSON, a timestamp that
 * is not a number) are an edit, not a reason for verify to throw.
 */
const FORMS_IN_TURN: readonly CanonicalForm[] = ['stored', 'canonicalize'];
let firstTried: CanonicalForm = 'stored';

function hashesTo(
  prev: string,
  values: ChainValuesView,
  hash: string,
  form: CanonicalForm,
): boolean {
  try {
    return valuesHash(prev, values, form) === hash;
  } catch {
    // Not JSON, not a number: no hash of this row matches.
    return false;
  }
}

/** Whether a row's values hash to `hash` after `prev`. */
function rowMatchesHash(prev: string, values: ChainValuesView, hash: string): boolean {
  if (hashesTo(prev, values, hash, firstTried)) return true;
  for (const form of FORMS_IN_TURN) {
    if (form === firstTried || !hashesTo(prev, values, hash, form)) continue;
    firstTried = form;
    return true;
  }
  return false;
}

export interface StoredLinks {
  next(): StoredLink | null;
  /** Whether the row's content hashes to its stored hash after its stored previous hash. */
  holds(row: StoredLink): boolean;
  /** The id of the record at `seq`, for a message. */
  idAt(seq: number): string | null;
}

/**
 * The rows with seq in [from, to], in seq order, a page at a time (keyed on seq, within the
 * caller's snapshot). Raw arrays, not row objects: one array per record and nothing else.
 */
export function storedLinks(
  sqlite: Database.Database,
  from = Number.MIN_SAFE_INTEGER,
  to = Number.MAX_SAFE_INTEGER,
): StoredLinks {
  const columnsPage = sqlite
    .prepare<[number, number], StoredLink>(
      `SELECT seq, prev_hash, hash, ${HASHED_TEXT_SQL} FROM activity
       WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${PAGE_ROWS}`,
    )
    .raw();
  const linkedTexts = sqlite
    .prepare<[number, number], string | null>(
      `SELECT ${LINKED_TEXT_SQL} FROM activity WHERE seq > ? AND seq <= ? ORDER BY seq`,
    )
    .pluck();
  const valuesAt = sqlite
    .prepare<[number], ChainValues>(`SELECT ${CHAIN_COLUMNS_SQL} FROM activity WHERE seq = ?`)
    .raw();

  /**
   * The rows with seq in (after, end] from one string each, or null when a seq is missing or a
   * row renders NULL (its columns are read instead). seq is the rowid, so a range of n seqs that
   * holds n rows holds every seq once, in order.
   */
  function linkedPage(after: number, end: number): StoredLink[] | null {
    const texts = linkedTexts.all(after, end);
    if (texts.length !== end - after) return null;
    const links: StoredLink[] = new Array<StoredLink>(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      if (text === null) return null;
      links[i] = [
        after + 1 + i,
        text.slice(HASH_CHARS, 2 * HASH_CHARS),
        text.slice(0, HASH_CHARS),
        text.slice(HASH_CHARS),
      ];
    }
    return links;
  }

  let rows: StoredLink[] = [];
  let at = 0;
  let after = from - 1;
  let done = false;
  return {
    next() {
      if (at === rows.length) {
        if (done) return null;
        const end = Math.min(after + PAGE_ROWS, to);
        const linked = linkedPage(after, end);
        if (linked !== null) {
          rows = linked;
          done = end === to;
        } else {
          rows = columnsPage.all(after, to);
          done = rows.length < PAGE_ROWS;
        }
        at = 0;
        if (rows.length === 0) return null;
        after = rows[rows.length - 1]![SEQ];
      }
      return rows[at++]!;
    },
    holds(row) {
      const prev = row[PREV_HASH];
      const hash = row[HASH];
      if (prev === null || hash === null) return false;
      const text = row[HASHED_TEXT];
      if (text !== null && hashedTextHash(text) === hash) return true;
      const values = valuesAt.get(row[SEQ]);
      return values !== undefined && rowMatchesHash(prev, values, hash);
    },
    idAt(seq) {
      const values = valuesAt.get(seq);
      return values === undefined ? null : (values[ID] ?? null);
    },
  };
}
