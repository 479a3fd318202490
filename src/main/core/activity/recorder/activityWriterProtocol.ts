/** Messages between the record queue (main thread) and the recorder worker. */
import type { AuditCheckpoint } from '../../../../shared/audit';
import type { GapCheckpointRequest } from '../../audit';
import type { ActivityInsertParams } from '../recordRow';

export interface ActivityWriterWorkerData {
  file: string;
  nativeBinding?: string;
  /** The checkpoint signing key (audit_key.pem); without it records are chained, not checkpointed. */
  auditKeyFile?: string;
}

export type ToActivityWriter =
  | { kind: 'insert'; id: number; rows: readonly ActivityInsertParams[] }
  | { kind: 'delete'; id: number; seqs: readonly number[] }
  | { kind: 'compact'; id: number }
  | { kind: 'checkpoint'; id: number; gap?: GapCheckpointRequest }
  | { kind: 'close' };

export type FromActivityWriter =
  | { kind: 'ready' }
  /** An insert's seqs, a delete's count of removed rows, a checkpoint, nothing for compact. */
  | { kind: 'done'; id: number; result: number[] | number | AuditCheckpoint | null }
  /** Every checkpoint the worker writes (the 1,000-record and 60 s ones included). */
  | { kind: 'checkpoint_written'; checkpoint: AuditCheckpoint }
  | { kind: 'failed'; id: number; message: string; code?: string }
  /** The database could not be opened: the main thread then terminates this worker. */
  | { kind: 'fatal'; message: string; code?: string }
  | { kind: 'closed' };
