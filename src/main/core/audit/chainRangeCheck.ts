/**
 * One part of a parallel verify (parallelVerify.ts): the records with seq in [from, to], each
 * hashed from its content and linked to the one before it, in a read snapshot of its own. It
 * reports where the part starts and ends (so parts can be joined), the hashes at the checkpoints
 * that fall in it, and the first record that does not hold up. It also checks the signatures of
 * a share of the log's checkpoints, so the plan is read without that work on one thread while
 * the other waits. Naming what broke is left to the sequential verifier, which runs only when a
 * part reports a problem.
 */
import type Database from 'better-sqlite3';
import type { AuditCheckpoint } from '../../../shared/audit';
import type { AuditPublicKey } from './auditKey';
import { HASH, PREV_HASH, SEQ, storedLinks, type StoredLink } from './chainRows';
import { firstBadSignature } from './chainVerifier';

export interface ChainRange {
  from: number;
  to: number;
  /** Seqs of checkpoints in [from, to]: the part reports the record hash at each. */
  checkpoint_seqs: number[];
  /** The checkpoints whose signatures this part checks (any seq). */
  signed: AuditCheckpoint[];
}

export interface ChainRangeSummary {
  count: number;
  first: { seq: number; prev_hash: string | null } | null;
  last: { seq: number; hash: string | null } | null;
  /** The first record whose content or link does not hold; null when every one does. */
  problem_seq: number | null;
  /** [seq, hash] of the records at `checkpoint_seqs` (those that exist). */
  checkpoint_hashes: [number, string | null][];
  /** Whether every signature in the range's `signed` holds. */
  signatures_hold: boolean;
}

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
  publicKey: AuditPublicKey | null,
): ChainRangeCheck {
  const rows = storedLinks(sqlite, range.from, range.to);
  const wanted = new Set(range.checkpoint_seqs);
  const summary: ChainRangeSummary = {
    count: 0,
    first: null,
    last: null,
    problem_seq: null,
    checkpoint_hashes: [],
    signatures_hold: true,
  };
  sqlite.exec('BEGIN');
  const end = (): void => {
    if (sqlite.open && sqlite.inTransaction) sqlite.exec('COMMIT');
  };
  let result: ChainRangeSummary | null = null;
  let signaturesChecked = false;

  let lastSeq: number | null = null;
  let lastHash: string | null = null;

  /** False at the first record that breaks; the summary then names it. */
  function check(row: StoredLink): boolean {
    const seq = row[SEQ];
    const prev = row[PREV_HASH];
    const hash = row[HASH];
    const linked = lastSeq === null || (seq === lastSeq + 1 && prev === lastHash);
    if (!linked || !rows.holds(row)) {
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
      if (!signaturesChecked) {
        signaturesChecked = true;
        summary.signatures_hold = firstBadSignature(range.signed, publicKey) === null;
        if (!summary.signatures_hold) return finish();
      }
      for (let i = 0; i < budget; i++) {
        const row = rows.next();
        if (row === null || !check(row)) return finish();
      }
      return null;
    },
    close: end,
  };
}
