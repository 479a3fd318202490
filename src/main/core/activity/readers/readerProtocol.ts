/** Messages between the reader pool (main thread) and its reader workers. */
import type {
  ActivityFilter,
  ActivityPage,
  ActivityQuery,
  ActivityRecord,
  ActivitySummary,
  SummaryPeriod,
} from '../../../../shared/activity';

export interface ActivityReaderWorkerData {
  file: string;
  nativeBinding?: string;
}

/** One read of the activity log, as it crosses to a reader (structured clone). */
export type ActivityRead =
  | { kind: 'list'; query: ActivityQuery }
  | { kind: 'get'; id: string }
  /** `now` in epoch ms: injectable for tests, as the store's. */
  | { kind: 'summary'; period: SummaryPeriod; filter: ActivityFilter; now?: number };

export interface ActivityReadResults {
  list: ActivityPage;
  get: ActivityRecord | null;
  summary: ActivitySummary;
}

/** A read's failure as data: enough to rebuild the error the store threw on this side. */
export interface ReadFailure {
  name: string;
  message: string;
  /** An ActivityQueryError's parameter (the HTTP layer answers 400 naming it). */
  parameter?: string;
  code?: string;
}

export type ToActivityReader = { id: number; read: ActivityRead } | { kind: 'close' };

export type FromActivityReader =
  | { kind: 'ready'; threadId: number }
  | { kind: 'done'; id: number; result: unknown; threadId: number }
  | { kind: 'failed'; id: number; failure: ReadFailure }
  /** A read over the slow-query threshold: its statements' timings and plans, one report. */
  | { kind: 'slow'; report: string }
  /** The database could not be opened: the pool then terminates this worker. */
  | { kind: 'fatal'; message: string };
