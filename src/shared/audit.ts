/**
 * The activity log's hash chain and signed checkpoints (SPEC 12), as every door shows them.
 */

/** `prev_hash` of the first record of a chain. */
export const ZERO_HASH = '0'.repeat(64);

/** Why a prefix of the log was deleted (a gap a verifier accepts). */
export type AuditGapReason = 'retention' | 'clear_log';

/**
 * A signed statement that the chain had `hash` at `seq`. A gap checkpoint also names the first
 * record kept by a retention run or a clear, and the hash of the last one deleted.
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  created_at: string;
  first_kept_seq?: number;
  last_deleted_hash?: string;
  reason?: AuditGapReason;
  clear_record_id?: string | null;
  /** `sha256:` + hex SHA-256 of the signing key's SPKI DER. */
  key_fingerprint: string;
  /** Ed25519 over the JCS of the signed fields (checkpointPayload), base64. */
  signature: string;
}

export type ChainBreakKind =
  'edited' | 'deleted' | 'inserted' | 'bad_signature' | 'missing_checkpoint';

export type ChainVerifyResult =
  | {
      ok: true;
      records: number;
      first_seq: number | null;
      last_seq: number | null;
      head_hash: string;
      checkpoints: number;
      last_checkpoint_seq: number | null;
      /** Records after the last checkpoint: consistent, but not provable against deletion. */
      unproved_records: number;
    }
  | {
      ok: false;
      /** The first broken seq. */
      seq: number;
      kind: ChainBreakKind;
      message: string;
      records_checked: number;
      /** For an export: the 1-based line where it broke. */
      line?: number;
    };

export interface AuditStatus {
  key_fingerprint: string | null;
  latest_checkpoint: AuditCheckpoint | null;
}
