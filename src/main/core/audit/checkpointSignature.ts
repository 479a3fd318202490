/**
 * What a checkpoint's signature covers (SPEC 12): the JCS of `{seq, hash, created_at}` and, for
 * the checkpoint a retention run or a clear writes before deleting, also `first_kept_seq`,
 * `last_deleted_hash`, `reason` and `clear_record_id`, so none of them can be changed unnoticed.
 */
import canonicalize from 'canonicalize';
import { sign, verify, type KeyObject } from 'node:crypto';
import type { AuditCheckpoint } from '../../../shared/audit';

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'signature' | 'key_fingerprint'>;

export function checkpointPayload(checkpoint: UnsignedCheckpoint): string {
  const signed: Record<string, unknown> = {
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    created_at: checkpoint.created_at,
  };
  if (checkpoint.first_kept_seq !== undefined) {
    signed.first_kept_seq = checkpoint.first_kept_seq;
    signed.last_deleted_hash = checkpoint.last_deleted_hash ?? null;
    signed.reason = checkpoint.reason ?? null;
    signed.clear_record_id = checkpoint.clear_record_id ?? null;
  }
  return canonicalize(signed) ?? '';
}

export interface CheckpointSigner {
  fingerprint: string;
  sign(checkpoint: UnsignedCheckpoint): AuditCheckpoint;
}

export function createCheckpointSigner(
  privateKey: KeyObject,
  fingerprint: string,
): CheckpointSigner {
  return {
    fingerprint,
    sign: (checkpoint) => ({
      ...checkpoint,
      key_fingerprint: fingerprint,
      // Ed25519 takes no digest name: null.
      signature: sign(null, Buffer.from(checkpointPayload(checkpoint)), privateKey).toString(
        'base64',
      ),
    }),
  };
}

export function checkpointSignatureValid(
  checkpoint: AuditCheckpoint,
  publicKey: KeyObject,
): boolean {
  try {
    return verify(
      null,
      Buffer.from(checkpointPayload(checkpoint)),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}
