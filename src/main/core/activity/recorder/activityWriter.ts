/**
 * The SQL side of the recorder: inserts a batch of rows, their full-text entries and the running
 * total in one transaction. Statements are prepared once. `createActivityWriter` runs on whatever
 * thread owns the connection: the recorder worker (activityWriterWorker.ts) or, without one, the
 * main thread (`createInlineRowWriter`).
 */
import type { AuditCheckpoint } from '../../../../shared/audit';
import {
  CHECKPOINT_EVERY_MS,
  createChainAppender,
  type CheckpointSigner,
  type GapCheckpointRequest,
} from '../../audit';
import type { SwitchboardDatabase } from '../../db';
import { createActivityDeleter } from '../activityDeletes';
import type { ActivityInsertParams } from '../recordRow';

export interface ActivityWriter {
  /** Inserts all rows in one transaction, chained (SPEC 12); returns their commit sequence numbers. */
  insertRows(rows: readonly ActivityInsertParams[]): number[];
  /** A signed checkpoint at the chain's head now; null without a signing key. */
  checkpoint(gap?: GapCheckpointRequest): AuditCheckpoint | null;
  /** A checkpoint if records were added since the last one (the 60 s timer calls it). */
  checkpointIfStale(): AuditCheckpoint | null;
}

export interface ActivityWriterOptions {
  /** Signs checkpoints; without it records are chained but not checkpointed. */
  signer?: CheckpointSigner | null;
  onCheckpoint?: (checkpoint: AuditCheckpoint) => void;
}

/**
 * Every write to the activity log's rows, on this thread or in the recorder worker: the record
 * queue's batches and retention's deletes. A rejection carries SQLite's `code` when it has one.
 */
export interface ActivityRowWriter {
  /** True when commits run on another thread, so they do not stall this one. */
  readonly offThread: boolean;
  /** Commits all rows in one transaction; resolves to their sequence numbers. */
  insertRows(rows: readonly ActivityInsertParams[]): Promise<number[]>;
  /** Deletes rows, their full-text entries and their share of the total in one transaction. */
  deleteSeqs(seqs: readonly number[]): Promise<number>;
  /** Returns freed pages to the file system and truncates the WAL. */
  compact(): Promise<void>;
  /** A signed checkpoint at the head (SPEC 12), e.g. at startup or before a delete. */
  checkpoint(gap?: GapCheckpointRequest): Promise<AuditCheckpoint | null>;
  /** Called with every checkpoint written, on this thread; returns an unsubscribe function. */
  onCheckpoint(listener: (checkpoint: AuditCheckpoint) => void): () => void;
  close(): Promise<void>;
}

export function createActivityWriter(
  db: SwitchboardDatabase,
  options: ActivityWriterOptions = {},
): ActivityWriter {
  const { sqlite } = db;
  const chain = createChainAppender(sqlite, options.signer ?? null, options.onCheckpoint);
  const insertFts = sqlite.prepare<
    [number, string | null, string | null, string | null, string | null, string | null]
  >(
    `INSERT INTO activity_fts (rowid, tool_name, arguments, response, error_message, reason)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const addTotal = sqlite.prepare<[number]>(
    'UPDATE activity_totals SET records = records + ? WHERE id = 1',
  );

  const insertAll = sqlite.transaction((rows: readonly ActivityInsertParams[]): number[] => {
    const seqs: number[] = [];
    const batch = chain.begin();
    for (const row of rows) {
      const seq = batch.append(row);
      insertFts.run(seq, row.tool_name, row.arguments, row.response, row.error_message, row.reason);
      seqs.push(seq);
    }
    batch.end();
    addTotal.run(rows.length);
    return seqs;
  });

  return {
    insertRows(rows) {
      // IMMEDIATE: the chain reads its head before it writes; a deferred transaction would have to
      // upgrade a read snapshot that another connection's write (tokens, pins) can make stale
      // (SQLITE_BUSY_SNAPSHOT, no busy wait). Taking the write lock first waits instead.
      const seqs = insertAll.immediate(rows);
      chain.committed();
      return seqs;
    },
    checkpoint: (gap) => chain.checkpoint(gap),
    checkpointIfStale: () => chain.checkpointIfStale(),
  };
}

/** Listeners of checkpoints, for a row writer's `onCheckpoint`. */
export function createCheckpointListeners(): {
  add(listener: (checkpoint: AuditCheckpoint) => void): () => void;
  emit(checkpoint: AuditCheckpoint): void;
} {
  const listeners = new Set<(checkpoint: AuditCheckpoint) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(checkpoint) {
      for (const listener of [...listeners]) listener(checkpoint);
    },
  };
}

/** The writer on the calling thread: each commit blocks it for as long as SQLite takes. */
export function createInlineRowWriter(
  db: SwitchboardDatabase,
  options: Pick<ActivityWriterOptions, 'signer'> = {},
): ActivityRowWriter {
  const listeners = createCheckpointListeners();
  const writer = createActivityWriter(db, { ...options, onCheckpoint: listeners.emit });
  const deleter = createActivityDeleter(db);
  // SPEC 12's 60 s checkpoints; a timer that never keeps the process alive.
  const timer =
    options.signer != null
      ? setInterval(() => {
          try {
            writer.checkpointIfStale();
          } catch {
            // A busy database: the next tick tries again.
          }
        }, CHECKPOINT_EVERY_MS).unref()
      : null;
  const settle = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  return {
    offThread: false,
    insertRows: (rows) => settle(() => writer.insertRows(rows)),
    deleteSeqs: (seqs) => settle(() => deleter.deleteSeqs(seqs)),
    compact: () => settle(() => deleter.compact()),
    checkpoint: (gap) => settle(() => writer.checkpoint(gap)),
    onCheckpoint: listeners.add,
    close() {
      if (timer !== null) clearInterval(timer);
      return Promise.resolve();
    },
  };
}
