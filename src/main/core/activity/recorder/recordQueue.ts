/**
 * The lossless queue between the call path and SQLite (SPEC 5, contracts.ts RecordQueue).
 *
 * enqueue() only appends to an array. A timer (intervalMs, at most 100 ms: the window a crash can
 * lose) takes a chunk, prepares it here (redacts, truncates: prepareForStorage.ts) and hands the
 * rows to the writer, which commits chunks capped in rows
 * and bytes, so one chunk stalls the event loop for a few milliseconds; while more is queued the
 * next chunk follows via setImmediate, letting I/O in between. The row cap adapts to the measured
 * time per chunk (full-text indexing costs vary with body size and machine), aiming at
 * `chunkBudgetMs`. After each commit the stored
 * records are published on the bus with their sequence numbers. A failing write keeps the chunk
 * queued and retries with backoff; nothing is dropped except a record SQLite rejects on its own.
 */
import { eventNameForRecord, type ActivityRecord } from '../../../../shared/activity';
import type { ActivitySettings } from '../../../../shared/servers';
import type { SwitchboardDatabase } from '../../db';
import type { ActivityEventBus } from '../../events';
import { createInlineRowWriter, type ActivityRowWriter } from './activityWriter';
import type { RecordQueue } from '../contracts';
import { createStoragePolicy, prepareForStorage, type StoragePolicy } from './prepareForStorage';
import { timestampMs, toInsertParams, type ActivityInsertParams } from '../recordRow';
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

/** How large one chunk may be: inline, a commit blocks this thread; in the worker it does not. */
interface ChunkLimits {
  maxBatchRows: number;
  maxBatchBytes: number;
  chunkBudgetMs: number;
  minChunkRows: number;
}

interface Pending {
  record: ActivityRecord;
  bytes: number;
  /** performance.now() at enqueue: a record past its interval is overdue (SPEC 5 crash window). */
  queuedAt: number;
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
  const overdueMs = (intervalMs + CRASH_WINDOW_MS) / 2;
  // Inline, a commit stalls this thread: chunks aim at 8 ms. In the worker it stalls nothing here,
  // and larger transactions cost less per row (FTS5 writes a segment per transaction); 30 ms bounds
  // how long the main thread's own writes (retention, clearing, tokens) can wait for the lock.
  const writer = options.writer ?? createInlineRowWriter(options.db);
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
  // Read per chunk: a worker writer that cannot load falls back to this thread for good.
  const limits = (): ChunkLimits => (writer.offThread ? workerLimits : inlineLimits);
  let chunkRows = Math.min(200, limits().maxBatchRows);
  // With the worker, preparing and handing over a chunk is what this thread still does in one go:
  // its measured cost per row caps a chunk so that part stays near 4 ms.
  const MAIN_THREAD_BUDGET_MS = 4;
  let mainMsPerRow = 0;
  // Queued records survive young-generation collections, which copy them: at 10,000 (about 20 MB
  // of records) scavenges and major GCs reached 10-17 ms on this thread; at 2,000 they stay under
  // 8 ms. 2,000 is still 0.4 s of the recorder worker's commits at 1M rows.
  const highWaterRecords = options.highWaterRecords ?? 2_000;
  const highWaterBytes = options.highWaterBytes ?? 64 * 1024 * 1024;
  const baseRetryMs = options.retryDelayMs ?? 100;
  const report = (error: Error): void => options.onError?.(error);

  // Written slots are cleared at once (undefined): a stored record must not keep its untruncated
  // arguments and response alive until the next compaction.
  let queue: (Pending | undefined)[] = [];
  let head = 0;
  let queuedBytes = 0;
  let enqueued = 0;
  let done = 0;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  /** One batch at a time is with the writer; records queued meanwhile go in the next one. */
  let writing = false;
  let retryMs = 0;
  let admitWaiters: (() => void)[] = [];
  let flushWaiters: { target: number; resolve: () => void }[] = [];
  let policyKey = '';
  let policy: StoragePolicy | null = null;

  const queuedRecords = (): number => queue.length - head;
  const belowHighWater = (): boolean =>
    queuedRecords() < highWaterRecords && queuedBytes < highWaterBytes;

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

  /**
   * The adaptive caps keep each chunk's stall short, but under a backlog they split it into many
   * round trips, and records waited 300 ms and more for their turn: what a SIGKILL then loses is
   * more than the window SPEC 5 allows. Once the oldest queued record is overdue (halfway between
   * its interval and the window, so a chunk started by the timer is not), the chunk takes
   * everything up to the hard caps, trading one longer stall for the bound.
   */
  function takeChunk(): Pending[] {
    const { maxBatchRows, maxBatchBytes } = limits();
    const overdue = performance.now() - (queue[head]?.queuedAt ?? Infinity) >= overdueMs;
    const mainThreadCap =
      writer.offThread && mainMsPerRow > 0
        ? Math.max(1, Math.floor(MAIN_THREAD_BUDGET_MS / mainMsPerRow))
        : chunkRows;
    const rows = overdue ? maxBatchRows : Math.min(chunkRows, maxBatchRows, mainThreadCap);
    const end = Math.min(queue.length, head + rows);
    let bytes = 0;
    let i = head;
    while (i < end && (i === head || bytes + (queue[i]?.bytes ?? 0) <= maxBatchBytes)) {
      bytes += queue[i]?.bytes ?? 0;
      i++;
    }
    return queue.slice(head, i) as Pending[];
  }

  interface Prepared {
    record: ActivityRecord;
    row: ActivityInsertParams;
  }

  /** Prepares each record; one that cannot be prepared (e.g. cyclic arguments) is dropped. */
  function prepare(chunk: readonly Pending[]): (Prepared | null)[] {
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
    const pending = writeRecords(prepare(taken));
    const perRow = (performance.now() - started) / taken.length;
    mainMsPerRow = mainMsPerRow === 0 ? perRow : 0.8 * mainMsPerRow + 0.2 * perRow;
    void pending.then(
      (result) => settleChunk(taken, result, performance.now() - started),
      // writeRecords never rejects; this guard keeps the queue moving if that ever changes.
      (error: unknown) => settleChunk(taken, { stored: [], settled: 0, error }, 0),
    );
  }

  function settleChunk(taken: readonly Pending[], result: ChunkResult, elapsedMs: number): void {
    writing = false;
    const chunk = taken.slice(0, result.settled);
    if (result.error !== null) {
      retryMs = Math.min(retryMs === 0 ? baseRetryMs : retryMs * 2, 5000);
      report(
        new Error(
          `writing ${taken.length - chunk.length} activity records failed; retrying in ${retryMs} ms: ${(result.error as Error).message}`,
          { cause: result.error },
        ),
      );
    } else {
      retryMs = 0;
    }
    const stored = result.stored;
    if (result.error === null) adaptChunkRows(chunk.length, elapsedMs);
    queue.fill(undefined, head, head + chunk.length);
    head += chunk.length;
    done += chunk.length;
    for (const p of chunk) queuedBytes -= p.bytes;
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    if (queuedRecords() === 0) queuedBytes = 0;
    for (const { record, seq } of stored) {
      options.bus.publish({ event: eventNameForRecord(record.type), seq, record });
    }
    settleWaiters();
    if (result.error !== null) schedule(retryMs);
    else if (queuedRecords() > 0) schedule(0);
  }

  /** Multiplicative adjustment towards chunkBudgetMs; grows only when the cap was what bound. */
  function adaptChunkRows(rows: number, elapsedMs: number): void {
    const { chunkBudgetMs, minChunkRows, maxBatchRows } = limits();
    if (elapsedMs > chunkBudgetMs) {
      chunkRows = Math.max(minChunkRows, Math.floor((rows * chunkBudgetMs) / elapsedMs));
    } else if (rows >= chunkRows && elapsedMs < chunkBudgetMs / 2) {
      chunkRows = Math.min(maxBatchRows, Math.ceil(chunkRows * 1.5));
    }
  }

  function settleWaiters(): void {
    if (admitWaiters.length > 0 && belowHighWater()) {
      const waiters = admitWaiters;
      admitWaiters = [];
      for (const resolve of waiters) resolve();
    }
    if (flushWaiters.length > 0) {
      const ready = flushWaiters.filter((w) => w.target <= done);
      flushWaiters = flushWaiters.filter((w) => w.target > done);
      for (const w of ready) w.resolve();
    }
  }

  function flush(): Promise<void> {
    const target = enqueued;
    if (done >= target) return Promise.resolve();
    return new Promise((resolve) => {
      flushWaiters.push({ target, resolve });
      if (timer !== null && retryMs === 0 && !writing) {
        clearTimeout(timer);
        timer = null;
      }
      schedule(0);
    });
  }

  return {
    admit() {
      if (closed || belowHighWater()) return Promise.resolve();
      return new Promise((resolve) => admitWaiters.push(resolve));
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
      const bytes =
        256 +
        (record.request_bytes ?? 0) +
        (record.response?.length ?? 0) +
        (record.error_message?.length ?? 0);
      queue.push({ record, bytes, queuedAt: performance.now() });
      queuedBytes += bytes;
      enqueued++;
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
      const waiters = admitWaiters;
      admitWaiters = [];
      for (const resolve of waiters) resolve();
    },
    stats: () => ({ records: queuedRecords(), bytes: queuedBytes }),
  };
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
