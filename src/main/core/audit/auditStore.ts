/**
 * The chain's own tables (migration 5): `audit_head`, the newest link, kept apart from the rows
 * so the chain continues across a clear that deletes them all; and `audit_checkpoints`.
 */
import type Database from 'better-sqlite3';
import { ZERO_HASH, type AuditCheckpoint, type AuditGapReason } from '../../../shared/audit';

export interface ChainHead {
  seq: number;
  hash: string;
  /** Seq gaps at or below this predate the chain (the migration chained over them). */
  migrated_through_seq: number;
}

interface CheckpointRow {
  seq: number;
  hash: string;
  created_at: string;
  first_kept_seq: number | null;
  last_deleted_hash: string | null;
  reason: string | null;
  clear_record_id: string | null;
  key_fingerprint: string;
  signature: string;
}

const CHECKPOINT_COLUMNS = `seq, hash, created_at, first_kept_seq, last_deleted_hash, reason,
  clear_record_id, key_fingerprint, signature`;

export function toCheckpoint(row: CheckpointRow): AuditCheckpoint {
  const checkpoint: AuditCheckpoint = {
    seq: row.seq,
    hash: row.hash,
    created_at: row.created_at,
    key_fingerprint: row.key_fingerprint,
    signature: row.signature,
  };
  if (row.first_kept_seq === null) return checkpoint;
  return {
    seq: row.seq,
    hash: row.hash,
    created_at: row.created_at,
    first_kept_seq: row.first_kept_seq,
    last_deleted_hash: row.last_deleted_hash ?? '',
    reason: row.reason as AuditGapReason,
    clear_record_id: row.clear_record_id,
    key_fingerprint: row.key_fingerprint,
    signature: row.signature,
  };
}

export interface AuditStore {
  head(): ChainHead;
  setHead(seq: number, hash: string): void;
  latestCheckpoint(): AuditCheckpoint | null;
  insertCheckpoint(checkpoint: AuditCheckpoint): void;
  /** Every checkpoint in seq order (a 1M-record log has about a thousand). */
  checkpoints(): AuditCheckpoint[];
  /** The prev_hash of the first record at or after `seq`, or null when there is none. */
  prevHashFrom(seq: number): string | null;
}

export function createAuditStore(sqlite: Database.Database): AuditStore {
  const head = sqlite.prepare<[], ChainHead>(
    'SELECT seq, hash, migrated_through_seq FROM audit_head WHERE id = 1',
  );
  const setHead = sqlite.prepare<[number, string]>(
    'UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1',
  );
  const latest = sqlite.prepare<[], CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq DESC, id DESC LIMIT 1`,
  );
  const insert = sqlite.prepare<CheckpointRow>(
    `INSERT INTO audit_checkpoints (${CHECKPOINT_COLUMNS}) VALUES (@seq, @hash, @created_at,
      @first_kept_seq, @last_deleted_hash, @reason, @clear_record_id, @key_fingerprint, @signature)`,
  );
  const all = sqlite.prepare<[], CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY seq, id`,
  );
  const prevHashFrom = sqlite
    .prepare<[number], string>('SELECT prev_hash FROM activity WHERE seq >= ? ORDER BY seq LIMIT 1')
    .pluck();

  return {
    head: () => head.get() ?? { seq: 0, hash: ZERO_HASH, migrated_through_seq: 0 },
    setHead: (seq, hash) => void setHead.run(seq, hash),
    latestCheckpoint() {
      const row = latest.get();
      return row ? toCheckpoint(row) : null;
    },
    insertCheckpoint(checkpoint) {
      insert.run({
        seq: checkpoint.seq,
        hash: checkpoint.hash,
        created_at: checkpoint.created_at,
        first_kept_seq: checkpoint.first_kept_seq ?? null,
        last_deleted_hash: checkpoint.last_deleted_hash ?? null,
        reason: checkpoint.reason ?? null,
        clear_record_id: checkpoint.clear_record_id ?? null,
        key_fingerprint: checkpoint.key_fingerprint,
        signature: checkpoint.signature,
      });
    },
    checkpoints: () => all.all().map(toCheckpoint),
    prevHashFrom: (seq) => prevHashFrom.get(seq) ?? null,
  };
}
