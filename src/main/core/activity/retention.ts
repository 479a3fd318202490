/**
 * Retention (SPEC 5, 12): by age, by count and by file size, oldest first in seq order (a prefix
 * of the chain, after a signed gap checkpoint), always keeping the newest records. Runs at start and every activity_cleanup_interval_min minutes. Deletes go in chunks,
 * each its own short transaction, with a yield to the event loop between chunks so the recorder
 * and readers are never locked out for long.
 */
import type { ActivitySettings } from '../../../shared/servers';
import type { SwitchboardDatabase } from '../db';
import { createActivityDeleter, DELETE_CHUNK_ROWS } from './activityDeletes';
import { createInlineRowWriter, type ActivityRowWriter } from './recorder/activityWriter';
import type { ActivityStore } from './contracts';

export interface RetentionOptions {
  db: SwitchboardDatabase;
  store: Pick<ActivityStore, 'stats'>;
  settings: () => ActivitySettings;
  /**
   * Where deletes and compaction run: the recorder's writer (its worker, so deleting never
   * stalls the main thread), or by default this thread.
   */
  writer?: Pick<ActivityRowWriter, 'deleteSeqs' | 'compact' | 'checkpoint'>;
  onError?: (error: Error) => void;
  /** Injectable clock for tests. */
  now?: () => number;
}

export interface RetentionResult {
  by_age: number;
  by_count: number;
  by_size: number;
  size_bytes: number;
}

export interface Retention {
  runOnce(): Promise<RetentionResult>;
  /** Runs now, then every activity_cleanup_interval_min (read again before each run). */
  start(): void;
  stop(): void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createRetention(options: RetentionOptions): Retention {
  // Finding what to delete is a short indexed read here; the deletes go to the writer.
  const finder = createActivityDeleter(options.db);
  const writer = options.writer ?? createInlineRowWriter(options.db);
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RetentionResult> | null = null;
  let stopped = true;

  /**
   * SPEC 12: a prefix of the log in seq order, after a signed checkpoint that names the first
   * record kept, so a verifier can tell this gap from a deletion.
   */
  async function deletePrefix(firstKept: number): Promise<number> {
    if (finder.seqsBelow(firstKept, 1).length === 0) return 0;
    await writer.checkpoint({
      first_kept_seq: firstKept,
      reason: 'retention',
      clear_record_id: null,
    });
    let removed = 0;
    for (;;) {
      const seqs = finder.seqsBelow(firstKept, DELETE_CHUNK_ROWS);
      if (seqs.length === 0) return removed;
      removed += await writer.deleteSeqs(seqs);
      await yieldToEventLoop();
    }
  }

  async function byAge(settings: ActivitySettings): Promise<number> {
    if (!(settings.activity_retention_days > 0)) return 0;
    const cutoff = now() - settings.activity_retention_days * DAY_MS;
    return deletePrefix(finder.firstKeptBefore(cutoff));
  }

  async function byCount(settings: ActivitySettings): Promise<number> {
    const keep = settings.activity_max_records;
    if (!(keep > 0)) return 0;
    return deletePrefix(finder.firstKeptForCount(keep));
  }

  async function bySize(settings: ActivitySettings): Promise<number> {
    const maxBytes = settings.activity_max_size_mb * 1024 * 1024;
    if (!(maxBytes > 0)) return 0;
    let removed = 0;
    await writer.compact();
    for (;;) {
      const size = options.db.sizeBytes();
      const records = options.store.stats().records;
      if (size <= maxBytes || records === 0) return removed;
      // Delete the excess share of rows, then measure again: rows differ in size, so a few
      // rounds converge from above without throwing away much more than needed.
      const share = (size - maxBytes) / size;
      const target = Math.max(1, Math.ceil(records * share));
      const deleted = await deletePrefix(finder.firstKeptDropping(target));
      removed += deleted;
      await writer.compact();
      if (deleted === 0) return removed;
    }
  }

  async function run(): Promise<RetentionResult> {
    const settings = options.settings();
    const result = { by_age: 0, by_count: 0, by_size: 0, size_bytes: 0 };
    result.by_age = await byAge(settings);
    result.by_count = await byCount(settings);
    result.by_size = await bySize(settings);
    if (result.by_age + result.by_count > 0) await writer.compact();
    result.size_bytes = options.db.sizeBytes();
    return result;
  }

  function runOnce(): Promise<RetentionResult> {
    // One run at a time: a timer tick during a long run joins it.
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  }

  function scheduleNext(): void {
    if (stopped) return;
    const minutes = Math.max(1, options.settings().activity_cleanup_interval_min);
    timer = setTimeout(() => {
      timer = null;
      runOnce()
        .catch((error: unknown) => options.onError?.(error as Error))
        .finally(scheduleNext);
    }, minutes * 60_000);
    timer.unref();
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      runOnce()
        .catch((error: unknown) => options.onError?.(error as Error))
        .finally(scheduleNext);
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
