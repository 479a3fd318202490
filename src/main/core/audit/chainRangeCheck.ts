/**
 * One part of a parallel verify (parallelVerify.ts): the records with seq in [from, to], each
 * hashed from its content and linked to the one before it, in a read snapshot of its own. It
 * reports where the part starts and ends (so parts can be joined), the hashes at the checkpoints
 * that fall in it, and the first record that does not hold up. Naming what broke there is left
 * to the sequential verifier, which runs only when a part reports a problem.
 */
import type Database from 'better-sqlite3';
import { CHAIN_COLUMNS_SQL, type ChainValues } from './chainRecord';
import { rowMatchesHash } from './chainVerifier';

export interface ChainRange {
  from: number;
  to: number;
  /** Seqs of checkpoints in [from, to]: the part reports the record hash at each. */
  checkpoint_seqs: number[];
}

export interface ChainRangeSummary {
  count: number;
  first: { seq: number; prev_hash: string | null } | null;
  last: { seq: number; hash: string | null } | null;
  /** The first record whose content or link does not hold; null when every one does. */
  problem_seq: number | null;
  /** [seq, hash] of the records at `checkpoint_seqs` (those that exist). */
  checkpoint_hashes: [number, string | null][];
}

type StoredLink = [...ChainValues, prev_hash: string | null, hash: string | null];
const SEQ = 14;
const PREV_HASH = 23;
const HASH = 24;

/** Rows per query: past a few hundred, a page's garbage costs more than the statement. */
const PAGE_ROWS = 256;

export interface ChainRangeCheck {
  /** Records checked so far. */
  readonly checked: number;
  /** Checks up to `budget` more records: the summary once done, else null. */
  step(budget: number): ChainRangeSummary | null;
  close(): void;
}

export function startChainRangeCheck(
  sqlite: Database.Database,
  range: ChainRange,
): ChainRangeCheck {
  const page = sqlite
    .prepare<[number, number], StoredLink>(
      `SELECT ${CHAIN_COLUMNS_SQL}, prev_hash, hash FROM activity
       WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${PAGE_ROWS}`,
    )
    .raw();
  const wanted = new Set(range.checkpoint_seqs);
  const summary: ChainRangeSummary = {
    count: 0,
    first: null,
    last: null,
    problem_seq: null,
    checkpoint_hashes: [],
  };
  sqlite.exec('BEGIN');
  const end = (): void => {
    if (sqlite.open && sqlite.inTransaction) sqlite.exec('COMMIT');
  };
  let rows: StoredLink[] = [];
  let at = 0;
  let after = range.from - 1;
  let exhausted = false;
  let result: ChainRangeSummary | null = null;

  function nextRow(): StoredLink | null {
    if (at === rows.length) {
      if (exhausted) return null;
      rows = page.all(after, range.to);
      at = 0;
      exhausted = rows.length < PAGE_ROWS;
      if (rows.length === 0) return null;
      after = rows[rows.length - 1]![SEQ];
    }
    return rows[at++]!;
  }

  let lastSeq: number | null = null;
  let lastHash: string | null = null;

  /** False at the first record that breaks; the summary then names it. */
  function check(row: StoredLink): boolean {
    const seq = row[SEQ];
    const prev = row[PREV_HASH];
    const hash = row[HASH];
    const linked = lastSeq === null || (seq === lastSeq + 1 && prev === lastHash);
    if (!linked || prev === null || !rowMatchesHash(prev, row, hash)) {
      summary.problem_seq = seq;
      return false;
    }
    summary.first ??= { seq, prev_hash: prev };
    lastSeq = seq;
    lastHash = hash;
    summary.count += 1;
    if (wanted.has(seq)) summary.checkpoint_hashes.push([seq, hash]);
    return true;
  }

  function finish(): ChainRangeSummary {
    end();
    if (lastSeq !== null) summary.last = { seq: lastSeq, hash: lastHash };
    return (result = summary);
  }

  return {
    get checked() {
      return summary.count;
    },
    step(budget) {
      if (result !== null) return result;
      for (let i = 0; i < budget; i++) {
        const row = nextRow();
        if (row === null || !check(row)) return finish();
      }
      return null;
    },
    close: end,
  };
}
