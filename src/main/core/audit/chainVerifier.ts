/**
 * Verifies the whole chain of a database (SPEC 12) in one read snapshot, streaming the rows in
 * seq order: memory holds the checkpoints (about one per 1,000 records) and three links, never
 * the records. It reports the first broken seq and what broke there, or ok with the range.
 *
 * Driven in steps (`step(budget)`), so the CLI can draw progress between them and a running
 * Switchboard can yield to its event loop.
 */
import type Database from 'better-sqlite3';
import {
  ZERO_HASH,
  type AuditCheckpoint,
  type ChainBreakKind,
  type ChainVerifyResult,
} from '../../../shared/audit';
import type { AuditPublicKey } from './auditKey';
import { createAuditStore, type ChainHead } from './auditStore';
import { CHECKPOINT_EVERY_RECORDS } from './chainAppender';
import { HASH, PREV_HASH, SEQ, storedLinks, type StoredLink } from './chainRows';
import { checkpointSignatureValid } from './checkpointSignature';

export interface ChainVerification {
  /** Records in the log when verification started (for a progress bar). */
  readonly total: number;
  /** Records checked so far. */
  readonly checked: number;
  /** Checks up to `budget` more records: the result once done, else null. */
  step(budget: number): ChainVerifyResult | null;
  /** Ends the read snapshot early (after a result it has already ended). */
  close(): void;
}

export interface Break {
  seq: number;
  kind: ChainBreakKind;
  message: string;
}

export function firstBadSignature(
  checkpoints: readonly AuditCheckpoint[],
  publicKey: AuditPublicKey | null,
): Break | null {
  for (const checkpoint of checkpoints) {
    let problem: string | null = null;
    if (publicKey === null) problem = 'there is no public key (audit_key.pub.pem) to check it with';
    else if (checkpoint.key_fingerprint !== publicKey.fingerprint)
      problem = `it names key ${checkpoint.key_fingerprint}, not ${publicKey.fingerprint}`;
    else if (!checkpointSignatureValid(checkpoint, publicKey.key))
      problem = 'its signature does not match its content';
    if (problem !== null)
      return {
        seq: checkpoint.seq,
        kind: 'bad_signature',
        message: `the checkpoint at seq ${checkpoint.seq}: ${problem}`,
      };
  }
  return null;
}

/**
 * What verifying a log needs besides its rows, read in the verifier's snapshot: the head, the
 * checkpoints and the seq range. Plain data, so a parallel verify (parallelVerify.ts) can carry
 * it between threads; there each part checks a share of the signatures (chainRangeCheck.ts).
 */
export interface UncheckedChainPlan {
  head: ChainHead;
  checkpoints: AuditCheckpoint[];
  /** Records in the log (activity_totals), for a progress bar. */
  total: number;
  first_seq: number | null;
  last_seq: number | null;
}

/** A plan whose checkpoint signatures have been checked. */
export interface ChainPlan extends UncheckedChainPlan {
  /** The first checkpoint whose signature fails, if any. */
  signature_break: Break | null;
}

/** Reads the plan without checking signatures; call inside the snapshot the rows are read in. */
export function readChainPlan(sqlite: Database.Database): UncheckedChainPlan {
  const store = createAuditStore(sqlite);
  const range = sqlite
    .prepare<[], { first: number | null; last: number | null }>(
      // Two subqueries: SQLite answers a lone min() or max() from the rowid, not the pair.
      'SELECT (SELECT min(seq) FROM activity) AS first, (SELECT max(seq) FROM activity) AS last',
    )
    .get();
  return {
    head: store.head(),
    checkpoints: store.checkpoints(),
    total:
      sqlite
        .prepare<[], number>('SELECT records FROM activity_totals WHERE id = 1')
        .pluck()
        .get() ?? 0,
    first_seq: range?.first ?? null,
    last_seq: range?.last ?? null,
  };
}

/** Reads the plan and checks its signatures; call inside the snapshot the rows are read in. */
function loadChainPlan(sqlite: Database.Database, publicKey: AuditPublicKey | null): ChainPlan {
  const plan = readChainPlan(sqlite);
  return { ...plan, signature_break: firstBadSignature(plan.checkpoints, publicKey) };
}

/** The gap checkpoints a plan's log may start after (none when a signature is bad). */
export function gapsOf(plan: ChainPlan): { gaps: AuditCheckpoint[]; maxFirstKept: number } {
  const gaps =
    plan.signature_break === null
      ? plan.checkpoints.filter((c) => c.first_kept_seq !== undefined)
      : [];
  return { gaps, maxFirstKept: gaps.reduce((max, c) => Math.max(max, c.first_kept_seq ?? 0), 0) };
}

/**
 * Why the log's first record may link to something before it (the chain's start, a retention
 * or clear gap), or the break when nothing explains it.
 */
export function checkStart(plan: ChainPlan, seq: number, prev: string | null): Break | null {
  if (prev === ZERO_HASH) return null;
  const { gaps, maxFirstKept } = gapsOf(plan);
  if (gaps.some((g) => g.first_kept_seq === seq && g.last_deleted_hash === prev)) return null;
  // A retention run or clear that stopped part way: its later records still link up.
  if (maxFirstKept > seq) return null;
  const explained = gaps.reduce(
    (max, g) => ((g.first_kept_seq ?? 0) < seq ? Math.max(max, g.first_kept_seq ?? 0) : max),
    0,
  );
  const missing = Math.max(explained, 1);
  return {
    seq: missing,
    kind: 'deleted',
    message: `records from seq ${missing} to ${seq - 1} are missing and no checkpoint explains it`,
  };
}

/**
 * Starts verifying `sqlite` (a connection of its own: the snapshot stays open until the result).
 */
export function startChainVerification(
  sqlite: Database.Database,
  publicKey: AuditPublicKey | null,
): ChainVerification {
  sqlite.exec('BEGIN');
  let open = true;
  const end = (): void => {
    if (open && sqlite.open && sqlite.inTransaction) sqlite.exec('COMMIT');
    open = false;
  };
  const plan = loadChainPlan(sqlite, publicKey);
  const { head, checkpoints, total } = plan;
  const signatureBreak = plan.signature_break;
  const { maxFirstKept } = gapsOf(plan);
  const rows = storedLinks(sqlite);

  let checked = 0;
  let firstSeq: number | null = null;
  let prevSeq: number | null = null;
  let prevHash: string | null = null;
  let prevPrevHash: string | null = null;
  let lastCheckpointSeq: number | null = null;
  let next = 0;
  let result: ChainVerifyResult | null = null;

  function finish(broken: Break | null): ChainVerifyResult {
    end();
    // The first broken seq wins, whether a record or a signature broke there.
    const first =
      signatureBreak !== null && (broken === null || signatureBreak.seq <= broken.seq)
        ? signatureBreak
        : broken;
    if (first !== null) return { ok: false, ...first, records_checked: checked };
    return {
      ok: true,
      records: checked,
      first_seq: firstSeq,
      last_seq: prevSeq,
      head_hash: prevHash ?? head.hash,
      checkpoints: checkpoints.length,
      last_checkpoint_seq: lastCheckpointSeq,
      unproved_records:
        prevSeq === null || firstSeq === null
          ? 0
          : Math.max(0, prevSeq - Math.max(lastCheckpointSeq ?? 0, firstSeq - 1)),
    };
  }

  /** Checkpoints at seqs with no record (before `seq`): the chain's hash there is prevHash. */
  function passCheckpointsBefore(seq: number): Break | null {
    for (; next < checkpoints.length && checkpoints[next]!.seq < seq; next++) {
      const checkpoint = checkpoints[next]!;
      const expected = checkpoint.seq === 0 ? ZERO_HASH : prevHash;
      // Before the first record: its record went in an allowed gap (checked at the first row).
      if (expected !== null && checkpoint.hash !== expected)
        return {
          seq: checkpoint.seq,
          kind: 'edited',
          message: `the checkpoint at seq ${checkpoint.seq} does not match the chain there`,
        };
      lastCheckpointSeq = checkpoint.seq;
    }
    return null;
  }

  function checkRow(row: StoredLink): Break | null {
    const seq = row[SEQ];
    const prev = row[PREV_HASH];
    const hash = row[HASH];
    const broken = passCheckpointsBefore(seq);
    if (broken !== null) return broken;
    if (prevSeq === null) {
      const start = checkStart(plan, seq, prev);
      if (start !== null) return start;
    } else if (seq !== prevSeq + 1) {
      if (!(seq - 1 <= head.migrated_through_seq && prev === prevHash))
        return {
          seq: prevSeq + 1,
          kind: 'deleted',
          message: `seq ${prevSeq + 1}${seq - 1 > prevSeq + 1 ? ` to ${seq - 1}` : ''} is missing`,
        };
    } else if (prev !== prevHash) {
      if (prevPrevHash !== null && prev === prevPrevHash)
        return {
          seq: prevSeq,
          kind: 'inserted',
          message: `seq ${seq} links to the record before seq ${prevSeq}: seq ${prevSeq} was inserted`,
        };
      return {
        seq,
        kind: 'edited',
        message: `seq ${seq} does not link to the hash of seq ${prevSeq}`,
      };
    }
    if (!rows.holds(row))
      return {
        seq,
        kind: 'edited',
        message: `the record at seq ${seq} (${rows.idAt(seq)}) does not match its hash`,
      };
    const since = seq - Math.max(lastCheckpointSeq ?? 0, head.migrated_through_seq);
    if (since > CHECKPOINT_EVERY_RECORDS) {
      const at = seq - since + CHECKPOINT_EVERY_RECORDS + 1;
      return {
        seq: at,
        kind: 'missing_checkpoint',
        message: `no signed checkpoint within ${CHECKPOINT_EVERY_RECORDS} records before seq ${at}`,
      };
    }
    for (; next < checkpoints.length && checkpoints[next]!.seq === seq; next++) {
      if (checkpoints[next]!.hash !== hash)
        return {
          seq,
          kind: 'edited',
          message: `the checkpoint at seq ${seq} does not match the record's hash`,
        };
      lastCheckpointSeq = seq;
    }
    firstSeq ??= seq;
    prevPrevHash = prevHash;
    prevHash = hash;
    prevSeq = seq;
    checked += 1;
    return null;
  }

  /** After the last record: checkpoints or the head beyond it mean the newest were deleted. */
  function checkEnd(): Break | null {
    const covered = Math.max(prevSeq ?? 0, maxFirstKept - 1, head.migrated_through_seq);
    const expected = checkpoints.reduce((max, c) => Math.max(max, c.seq), head.seq);
    if (expected > covered)
      return {
        seq: covered + 1,
        kind: 'deleted',
        message: `the chain reached seq ${expected} but the log ends at seq ${covered}`,
      };
    return passCheckpointsBefore(Number.POSITIVE_INFINITY);
  }

  return {
    total,
    get checked() {
      return checked;
    },
    step(budget) {
      if (result !== null) return result;
      for (let i = 0; i < budget; i++) {
        const row = rows.next();
        if (row === null) return (result = finish(checkEnd()));
        const broken = checkRow(row);
        if (broken !== null) return (result = finish(broken));
      }
      return null;
    },
    close() {
      end();
    },
  };
}

/** Verifies the whole chain at once (the CLI's path without progress, and tests). */
export function verifyChain(
  sqlite: Database.Database,
  publicKey: AuditPublicKey | null,
  onProgress?: (checked: number, total: number) => void,
): ChainVerifyResult {
  const verification = startChainVerification(sqlite, publicKey);
  for (;;) {
    const result = verification.step(10_000);
    onProgress?.(verification.checked, verification.total);
    if (result !== null) return result;
  }
}
