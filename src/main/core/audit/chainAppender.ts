/**
 * The writer's side of the chain (SPEC 12). Inside the writer's transaction it gives each row the
 * next seq, links it to the previous hash and inserts it, so hashes follow commit order; after
 * every 1,000 records it signs a checkpoint in the same transaction. It reads the head from the
 * database at each batch, so any thread's writer (the worker or its main-thread fallback) can
 * continue the chain.
 */
import type Database from 'better-sqlite3';
import type { AuditCheckpoint, AuditGapReason } from '../../../shared/audit';
import type { ActivityInsertParams } from '../activity/recordRow';
import { createAuditStore } from './auditStore';
import { RECORD_COLUMNS } from '../activity/recordRow';
import { recordHash, valuesHash, type ChainRow } from './chainRecord';
import type { CheckpointSigner } from './checkpointSignature';
import { storedChainValues } from './storedChainValues';

/** SPEC 12: a checkpoint after every 1,000 records. */
export const CHECKPOINT_EVERY_RECORDS = 1000;
/** SPEC 12: and every 60 s when records were added. */
export const CHECKPOINT_EVERY_MS = 60_000;

/** A checkpoint written before retention or a clear deletes the records below `first_kept_seq`. */
export interface GapCheckpointRequest {
  first_kept_seq: number;
  reason: AuditGapReason;
  clear_record_id: string | null;
}

export interface ChainBatch {
  /** Inserts the row as the chain's next link; returns its seq. */
  append(row: ActivityInsertParams): number;
  /** Stores the new head; call last inside the transaction. */
  end(): void;
}

export interface ChainAppender {
  /** Call first inside the writer's transaction. */
  begin(): ChainBatch;
  /** Publishes the checkpoints a committed batch wrote. */
  committed(): void;
  /** Signs a checkpoint at the head now (a gap checkpoint when `gap` is given); null without a key. */
  checkpoint(gap?: GapCheckpointRequest): AuditCheckpoint | null;
  /** The 60 s rule: a checkpoint if records were added since the last one. */
  checkpointIfStale(): AuditCheckpoint | null;
}

// Positional: binding 25 values from an array skips a named lookup per parameter and the
// spread of each row into a new object.
const INSERT_CHAINED_SQL = `INSERT INTO activity (seq, id, type, timestamp_ms, server_name,
  tool_name, status, error_kind, duration_ms, session_id, client_name, client_version, token_id,
  token_name, request_bytes, response_bytes, response_truncated, policy_id, error_message, reason,
  metadata, arguments, response, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

type ChainedInsert = [
  seq: number,
  id: string,
  type: string,
  timestamp_ms: number,
  server_name: string | null,
  tool_name: string | null,
  status: string,
  error_kind: string | null,
  duration_ms: number | null,
  session_id: string | null,
  client_name: string | null,
  client_version: string | null,
  token_id: string | null,
  token_name: string | null,
  request_bytes: number,
  response_bytes: number,
  response_truncated: number,
  policy_id: string | null,
  error_message: string | null,
  reason: string | null,
  metadata: string,
  arguments: string | null,
  response: string | null,
  prev_hash: string,
  hash: string,
];

function chainedInsert(
  p: ActivityInsertParams,
  seq: number,
  prev: string,
  hash: string,
): ChainedInsert {
  return [
    seq,
    p.id,
    p.type,
    p.timestamp_ms,
    p.server_name,
    p.tool_name,
    p.status,
    p.error_kind,
    p.duration_ms,
    p.session_id,
    p.client_name,
    p.client_version,
    p.token_id,
    p.token_name,
    p.request_bytes,
    p.response_bytes,
    p.response_truncated,
    p.policy_id,
    p.error_message,
    p.reason,
    p.metadata,
    p.arguments,
    p.response,
    prev,
    hash,
  ];
}

export function createChainAppender(
  sqlite: Database.Database,
  signer: CheckpointSigner | null,
  onCheckpoint: (checkpoint: AuditCheckpoint) => void = () => {},
): ChainAppender {
  const store = createAuditStore(sqlite);
  const insert = sqlite.prepare<[ChainedInsert]>(INSERT_CHAINED_SQL);
  const readBack = sqlite.prepare<[number], ChainRow>(
    `SELECT ${RECORD_COLUMNS} FROM activity WHERE seq = ?`,
  );
  const setHash = sqlite.prepare<[string, number]>('UPDATE activity SET hash = ? WHERE seq = ?');
  let unpublished: AuditCheckpoint[] = [];

  function write(seq: number, hash: string, gap?: GapCheckpointRequest): AuditCheckpoint | null {
    if (signer === null) return null;
    const created_at = new Date().toISOString();
    const checkpoint = signer.sign(
      gap === undefined
        ? { seq, hash, created_at }
        : {
            seq,
            hash,
            created_at,
            first_kept_seq: gap.first_kept_seq,
            // The first kept record links to the last deleted one; with none kept, the head is it.
            last_deleted_hash: store.prevHashFrom(gap.first_kept_seq) ?? hash,
            reason: gap.reason,
            clear_record_id: gap.clear_record_id,
          },
    );
    store.insertCheckpoint(checkpoint);
    unpublished.push(checkpoint);
    return checkpoint;
  }

  const checkpointNow = sqlite.transaction((gap?: GapCheckpointRequest) => {
    const head = store.head();
    return write(head.seq, head.hash, gap);
  });

  const checkpointIfStale = sqlite.transaction(() => {
    const head = store.head();
    const last = store.latestCheckpoint();
    if (last !== null && last.seq >= head.seq) return null;
    return write(head.seq, head.hash);
  });

  function publish(): void {
    const written = unpublished;
    unpublished = [];
    for (const checkpoint of written) onCheckpoint(checkpoint);
  }

  function publishing<T>(work: () => T): T {
    try {
      const result = work();
      publish();
      return result;
    } catch (error) {
      unpublished = [];
      throw error;
    }
  }

  return {
    begin() {
      unpublished = [];
      let { seq, hash } = store.head();
      // Without a checkpoint yet, count from here: the startup checkpoint follows shortly.
      let checkpointSeq = signer === null ? seq : (store.latestCheckpoint()?.seq ?? seq);
      return {
        append(row) {
          const prev = hash;
          seq += 1;
          const stored = storedChainValues(row, seq);
          if (stored !== null) {
            // recordRow.ts stored arguments and metadata canonical: hashed as they are.
            hash = valuesHash(prev, stored, 'trusted');
            insert.run(chainedInsert(row, seq, prev, hash));
          } else {
            insert.run(chainedInsert(row, seq, prev, ''));
            hash = recordHash(prev, readBack.get(seq)!);
            setHash.run(hash, seq);
          }
          if (signer !== null && seq - checkpointSeq >= CHECKPOINT_EVERY_RECORDS) {
            write(seq, hash);
            checkpointSeq = seq;
          }
          return seq;
        },
        end: () => store.setHead(seq, hash),
      };
    },
    committed: publish,
    checkpoint: (gap) => publishing(() => checkpointNow.immediate(gap)),
    checkpointIfStale: () => publishing(() => checkpointIfStale.immediate()),
  };
}
