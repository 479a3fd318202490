/**
 * The lossless queue between the call path and SQLite (SPEC 5, contracts.ts RecordQueue).
 *
 * enqueue() only appends (PendingRecords). A timer (intervalMs, at most 100 ms: the window a
 * crash can lose) takes a chunk sized by the ChunkSizer, prepares it on this thread (redaction
 * and truncation: prepareForStorage.ts) and hands the rows to the writer (inline or the worker).
 * While more is queued the next chunk follows via setImmediate, letting I/O in between. After
 * each commit the stored records are published on the bus with their sequence numbers. A failed
 * write keeps the chunk queued and retries with backoff (RetryBackoff); nothing is dropped except
 * a record SQLite rejects on its own. This file only schedules; each part has its own module.
 */
import { eventNameForRecord, type ActivityRecord } from '../../../../shared/activity';
import type { ActivitySettings } from '../../../../shared/servers';
import type { SwitchboardDatabase } from '../../db';
import type { ActivityEventBus } from '../../events';
import { createInlineRowWriter, type ActivityRowWriter } from './activityWriter';
import type { RecordQueue } from '../contracts';
import { createStoragePolicy, prepareForStorage, type StoragePolicy } from './prepareForStorage';
import { timestampMs, toInsertParams, type ActivityInsertParams } from '../recordRow';
import { ChunkSizer, type ChunkLimits } from './chunkSizer';
import { PendingRecords, type PendingRecord } from './pendingRecords';
import { QueueWaiters } from './queueWaiters';
import { RetryBackoff } from './retryBackoff';
import { WRITER_EXITED } from './workerRowWriter';

export interface RecordQueueOptions {
  db: SwitchboardDatabase;
  /**
   * Where batches are committed: the recorder worker (createWorkerRowWriter), or by default a
   * writer on this thread. The queue closes it on close().
   */
  writer?: ActivityRowWriter;
  bus: ActivityEventBus;
  settings: () => ActivitySettings;
  /** Delay between the first queued record and its write; capped at 100 ms. */
  intervalMs?: number;
  maxBatchRows?: number;
  maxBatchBytes?: number;
  highWaterRecords?: number;
  highWaterBytes?: number;
  /** A failed write (retried) or a record SQLite refused (dropped). */
  onError?: (error: Error) => void;
  /** First retry delay after a failed write; doubles up to 5 s. */
  retryDelayMs?: number;
  /** Target time of one chunk (prepare + commit): the longest stall the writer should cause. */
  chunkBudgetMs?: number;
  /** The adaptive row cap never goes below this (bytes still cap a chunk of large records). */
  minChunkRows?: number;
}

// SQLite errors that say nothing about the records themselves: retry the same chunk later.
// A recorder worker that died is transient too: the next batch starts a new one.
const TRANSIENT = new RegExp(
  `^(SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|NOMEM|PROTOCOL)|${WRITER_EXITED})`,
);

/** SPEC 5: what a crash may lose is bounded by this window. */
const CRASH_WINDOW_MS = 100;

export function createRecordQueue(options: RecordQueueOptions): RecordQueue {
  const intervalMs = Math.min(options.intervalMs ?? 50, CRASH_WINDOW_MS);
  const writer = options.writer ?? createInlineRowWriter(options.db);
  // Inline, a commit stalls this thread: chunks aim at 8 ms. In the worker it stalls nothing here,
  // and larger transactions cost less per row (FTS5 writes a segment per transaction); 30 ms bounds
  // how long the main thread's own writes (retention, clearing, tokens) can wait for the lock.
  const chunkLimits = (offThread: boolean): ChunkLimits => {
    const maxBatchRows = options.maxBatchRows ?? (offThread ? 5000 : 2000);
    return {
      maxBatchRows,
      // ~40 µs per KB of text to tokenize for the full-text index: 256 KB stays near 10 ms.
      maxBatchBytes: options.maxBatchBytes ?? (offThread ? 1024 : 256) * 1024,
      chunkBudgetMs: options.chunkBudgetMs ?? (offThread ? 30 : 8),
      minChunkRows: Math.min(options.minChunkRows ?? 100, maxBatchRows),
    };
  };
  const workerLimits = chunkLimits(true);
  const inlineLimits = chunkLimits(false);
  const limits = (): ChunkLimits => (writer.offThread ? workerLimits : inlineLimits);
  const sizer = new ChunkSizer({
    limits,
    offThread: () => writer.offThread,
    // Halfway between the interval and the window: a chunk the timer starts is not overdue.
    overdueMs: (intervalMs + CRASH_WINDOW_MS) / 2,
  });
  // Queued records survive young-generation collections, which copy them: at 10,000 (about 20 MB
  // of records) scavenges and major GCs reached 10-17 ms on this thread; at 2,000 they stay under
  // 8 ms. 2,000 is still 0.4 s of the recorder worker's commits at 1M rows.
  const highWaterRecords = options.highWaterRecords ?? 2_000;
  const highWaterBytes = options.highWaterBytes ?? 64 * 1024 * 1024;
  const retry = new RetryBackoff(options.retryDelayMs ?? 100);
  const report = (error: Error): void => options.onError?.(error);

  const pending = new PendingRecords();
  const waiters = new QueueWaiters();
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  /** One batch at a time is with the writer; records queued meanwhile go in the next one. */
  let writing = false;
  let policyKey = '';
  let policy: StoragePolicy | null = null;

  const belowHighWater = (): boolean =>
    pending.count < highWaterRecords && pending.bytes < highWaterBytes;

  /** The storage policy for the current settings, rebuilt only when they change. */
  function currentPolicy(): StoragePolicy {
    const settings = options.settings();
    const key = JSON.stringify([settings.redact_keys, settings.activity_max_response_size]);
    if (policy === null || key !== policyKey) {
      policy = createStoragePolicy(settings.redact_keys, settings.activity_max_response_size);
      policyKey = key;
    }
    return policy;
  }

  function schedule(delayMs: number): void {
    if (writing || timer !== null || immediate !== null) return;
    if (delayMs <= 0) immediate = setImmediate(writeChunk);
    else timer = setTimeout(writeChunk, delayMs);
  }

  function takeChunk(): PendingRecord[] {
    const now = performance.now();
    const rows = sizer.rowsFor(now - (pending.oldestQueuedAt() ?? now));
    return pending.peek(rows, limits().maxBatchBytes);
  }

  interface Prepared {
    record: ActivityRecord;
    row: ActivityInsertParams;
  }

  /** Prepares each record; one that cannot be prepared (e.g. cyclic arguments) is dropped. */
  function prepare(chunk: readonly PendingRecord[]): (Prepared | null)[] {
    const storage = currentPolicy();
    return chunk.map((p) => {
      try {
        const record = prepareForStorage(p.record, storage);
        return { record, row: toInsertParams(record) };
      } catch (error) {
        reportDropped(p.record, error);
        return null;
      }
    });
  }

  function reportDropped(record: ActivityRecord, error: unknown): void {
    report(
      new Error(
        `activity record ${record.id} could not be stored and was dropped: ${(error as Error).message}`,
        { cause: error },
      ),
    );
  }

  interface ChunkResult {
    stored: { record: ActivityRecord; seq: number }[];
    /** How many records of the chunk are settled (stored or dropped); the rest stay queued. */
    settled: number;
    error: unknown;
  }

  /**
   * After a non-transient failure of the whole chunk: one transaction per record, so only the
   * records SQLite refuses on their own are dropped. A transient error stops the walk.
   */
  async function insertOneByOne(records: readonly (Prepared | null)[]): Promise<ChunkResult> {
    const stored: { record: ActivityRecord; seq: number }[] = [];
    for (let i = 0; i < records.length; i++) {
      const prepared = records[i];
      if (!prepared) continue;
      try {
        const [seq] = await writer.insertRows([prepared.row]);
        if (seq !== undefined) stored.push({ record: prepared.record, seq });
      } catch (error) {
        if (TRANSIENT.test(sqliteCode(error))) return { stored, settled: i, error };
        reportDropped(prepared.record, error);
      }
    }
    return { stored, settled: records.length, error: null };
  }

  async function writeRecords(records: readonly (Prepared | null)[]): Promise<ChunkResult> {
    const present = records.filter((r): r is Prepared => r !== null);
    try {
      const seqs = present.length > 0 ? await writer.insertRows(present.map((p) => p.row)) : [];
      const stored = present.map(({ record }, i) => ({ record, seq: seqs[i] ?? 0 }));
      return { stored, settled: records.length, error: null };
    } catch (error) {
      if (TRANSIENT.test(sqliteCode(error))) return { stored: [], settled: 0, error };
      return insertOneByOne(records);
    }
  }

  function writeChunk(): void {
    timer = null;
    immediate = null;
    const taken = takeChunk();
    if (taken.length === 0) return;
    writing = true;
    const started = performance.now();
    // What this thread spends on a chunk: preparing it, then handing it over (the worker's
    // structured clone), or, inline, the whole commit. Its cost per row caps the next chunks.
    const written = writeRecords(prepare(taken));
    sizer.observeHandOff(taken.length, performance.now() - started);
    void written.then(
      (result) => settleChunk(taken.length, result, performance.now() - started),
      // writeRecords never rejects; this guard keeps the queue moving if that ever changes.
      (error: unknown) => settleChunk(taken.length, { stored: [], settled: 0, error }, 0),
    );
  }

  function settleChunk(taken: number, result: ChunkResult, elapsedMs: number): void {
    writing = false;
    if (result.error !== null) {
      const delayMs = retry.failed();
      report(
        new Error(
          `writing ${taken - result.settled} activity records failed; retrying in ${delayMs} ms: ${(result.error as Error).message}`,
          { cause: result.error },
        ),
      );
    } else {
      retry.succeeded();
      sizer.observeCommit(result.settled, elapsedMs);
    }
    pending.settle(result.settled);
    for (const { record, seq } of result.stored) {
      options.bus.publish({ event: eventNameForRecord(record.type), seq, record });
    }
    if (belowHighWater()) waiters.admitAll();
    waiters.settleFlushes(pending.settled);
    if (result.error !== null) schedule(retry.delayMs);
    else if (pending.count > 0) schedule(0);
  }

  function flush(): Promise<void> {
    const target = pending.pushed;
    if (pending.settled >= target) return Promise.resolve();
    const flushed = waiters.untilSettled(target);
    if (timer !== null && !retry.retrying && !writing) {
      clearTimeout(timer);
      timer = null;
    }
    schedule(0);
    return flushed;
  }

  return {
    admit() {
      if (closed || belowHighWater()) return Promise.resolve();
      return waiters.untilAdmitted();
    },
    enqueue(record) {
      if (closed)
        throw new Error(
          `activity record ${record.id}: the record queue is closed (Switchboard is shutting down)`,
        );
      if (Number.isNaN(timestampMs(record.timestamp))) {
        throw new TypeError(
          `activity record ${record.id}: timestamp ${JSON.stringify(record.timestamp)} is not an RFC 3339 date-time`,
        );
      }
      pending.push(record);
      schedule(intervalMs);
    },
    flush,
    async close() {
      closed = true;
      await flush();
      if (timer !== null) clearTimeout(timer);
      if (immediate !== null) clearImmediate(immediate);
      timer = null;
      immediate = null;
      await writer.close();
      waiters.admitAll();
    },
    stats: () => ({ records: pending.count, bytes: pending.bytes }),
  };
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
