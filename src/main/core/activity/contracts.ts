/**
 * What the rest of core sees of the activity log. Implemented in this folder; the gateway,
 * upstreams, HTTP API and desktop shell depend only on these shapes.
 */
import type {
  ActivityFilter,
  ActivityListRow,
  ActivityPage,
  ActivityQuery,
  ActivityRecord,
  ActivitySummary,
  ChainLink,
  SummaryPeriod,
} from '../../../shared/activity';
import type { AuditEntry } from '../../../shared/servers';

export interface RecordQueueStats {
  records: number;
  bytes: number;
}

/**
 * Lossless in-memory queue between the call path and SQLite (SPEC 5). `enqueue` never touches
 * the database; a timer (<= 100 ms) writes batches in transactions, then publishes each stored
 * record on the event bus with its commit sequence. Redaction and response truncation happen on
 * this thread when a chunk is taken (recorder/prepareForStorage.ts), before the rows are handed
 * to the writer or its worker, so no secret is stored, published or posted to another thread.
 */
export interface RecordQueue {
  /**
   * Resolves at once while the queue is under its high-water mark (records or bytes); above it,
   * when the writer has caught up. The gateway awaits this before forwarding a call, so load is
   * slowed, never dropped.
   */
  admit(): Promise<void>;
  enqueue(record: ActivityRecord): void;
  /** Writes everything queued so far; resolves after it has committed and been published. */
  flush(): Promise<void>;
  /** Flushes and stops the timer; later enqueues throw. */
  close(): Promise<void>;
  stats(): RecordQueueStats;
}

export interface StoredRecord {
  /** Commit sequence: monotonic, used for SSE `id:` and replay. */
  seq: number;
  record: ActivityRecord;
}

export type ClearScope = { before: string } | { all: true };

export interface ActivityStore {
  list(query: ActivityQuery): ActivityPage;
  get(id: string): ActivityRecord | null;
  /** `now` is injectable for tests. */
  summary(period: SummaryPeriod, filter: ActivityFilter, now?: Date): ActivitySummary;
  count(filter: ActivityFilter): number;
  /** Every matching record, newest first, read by key in pages of `pageSize` (export). */
  iterate(filter: ActivityFilter, pageSize?: number): Generator<ActivityRecord>;
  /**
   * As iterate, without bodies (list-row shape): export without include_bodies never reads
   * arguments and responses. Optional so other implementations need not provide it.
   */
  iterateRows?(filter: ActivityFilter, pageSize?: number): Generator<ActivityListRow>;
  /** As iterate (or iterateRows without bodies), each record with its chain link (SPEC 12). */
  iterateExport(
    filter: ActivityFilter,
    includeBodies: boolean,
    pageSize?: number,
  ): Generator<(ActivityRecord | ActivityListRow) & ChainLink>;
  /** Records committed after `seq`, oldest first (SSE replay). */
  committedSince(seq: number, limit: number): StoredRecord[];
  latestSeq(): number;
  /**
   * Deletes in chunks the prefix of the log (in seq order) that `clearBoundary` gives; returns
   * how many records were removed. Writes no checkpoint: Switchboard.clearActivity does that first.
   */
  clear(scope: ClearScope): number;
  /** SPEC 12: the first seq a clear keeps (the longest all-older prefix for `before`). */
  clearBoundary(scope: ClearScope): number;
  countBelow(firstKept: number): number;
  /** Deletes every record below `firstKept`, in chunks; returns how many went. */
  deleteBelow(firstKept: number): number;
  /** PodWarden audit entries for tool_call + policy_decision records, newest first. */
  audit(options: { tokenId?: string; limit: number }): AuditEntry[];
  stats(): { records: number; size_bytes: number; path: string };
}
