/** Messages between the record queue (main thread) and the recorder worker. */
import type { ActivityInsertParams } from '../recordRow';

export interface ActivityWriterWorkerData {
  file: string;
  nativeBinding?: string;
}

export type ToActivityWriter =
  | { kind: 'insert'; id: number; rows: readonly ActivityInsertParams[] }
  | { kind: 'delete'; id: number; seqs: readonly number[] }
  | { kind: 'compact'; id: number }
  | { kind: 'close' };

export type FromActivityWriter =
  | { kind: 'ready' }
  /** An insert's seqs, a delete's count of removed rows, nothing for compact. */
  | { kind: 'done'; id: number; result: number[] | number | null }
  | { kind: 'failed'; id: number; message: string; code?: string }
  /** The database could not be opened: the main thread then terminates this worker. */
  | { kind: 'fatal'; message: string; code?: string }
  | { kind: 'closed' };
