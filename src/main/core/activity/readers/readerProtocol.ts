/** Messages between the reader pool (main thread) and its reader workers. */
import type {
  ActivityFilter,
  ActivityPage,
  ActivityQuery,
  ActivityRecord,
  ActivitySummary,
  SummaryPeriod,
} from '../../../../shared/activity';
import type { ChainRange } from '../../audit/chainRangeCheck';
import type { ExportRequest } from '../exportLines';
import type { YieldToCallsOptions } from './yieldToCalls';

export interface ActivityReaderWorkerData {
  file: string;
  nativeBinding?: string;
  /** The audit public key (SPEC 12) verify checks checkpoints with; absent: none to check with. */
  publicKeyFile?: string;
  /** Tests: the slow-read threshold (default SLOW_READ_MS). */
  slowReadMs?: number;
  /** The reader thread's nice value (readerThread.ts; default READER_NICE, Linux only). */
  nice?: number;
  /**
   * The gateway's count of requests in flight (callsInFlightGauge.ts) and how the reader waits
   * on it (yieldToCalls.ts); absent, the reader never waits.
   */
  callsInFlight?: { buffer: SharedArrayBuffer; wait: YieldToCallsOptions };
}

/** One read of the activity log, as it crosses to a reader (structured clone). */
export type ActivityRead =
  | { kind: 'list'; query: ActivityQuery }
  | { kind: 'get'; id: string }
  /** `now` in epoch ms: injectable for tests, as the store's. */
  | { kind: 'summary'; period: SummaryPeriod; filter: ActivityFilter; now?: number }
  /** Starts an export: its chunks come back one per pull (the first without one). */
  | { kind: 'export'; request: ExportRequest; pageSize: number }
  /** Verifies the hash chain (SPEC 12): one answer, the ChainVerifyResult. */
  | { kind: 'verify' }
  /** A parallel verify's plan (parallelVerify.ts): the UncheckedChainPlan of a snapshot. */
  | { kind: 'verifyPlan' }
  /** One part of a parallel verify: its ChainRangeSummary. */
  | { kind: 'verifyRange'; range: ChainRange };

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

export type ToActivityReader =
  | { id: number; read: ActivityRead }
  /** The next chunk of export `id`: nothing is read before the consumer asks (back-pressure). */
  | { kind: 'pull'; id: number }
  /** The consumer of export `id` went away. */
  | { kind: 'cancel'; id: number }
  | { kind: 'close' };

export type FromActivityReader =
  /** `nice`: the value the thread runs at, null where none could be set (readerThread.ts). */
  | { kind: 'ready'; threadId: number; nice: number | null }
  | { kind: 'done'; id: number; result: unknown; threadId: number }
  | { kind: 'failed'; id: number; failure: ReadFailure }
  /**
   * One chunk of export `id` (about 64K characters) as UTF-8 and the rows it holds; `done` ends
   * it. The bytes' buffer is transferred, not copied: the main thread writes them to the consumer
   * as they are, without decoding a string onto its heap or encoding it again.
   */
  | { kind: 'chunk'; id: number; bytes: Uint8Array; rows: number }
  /** Records a verify request `id` has checked so far (for a progress bar). */
  | { kind: 'progress'; id: number; checked: number }
  /** A read over the slow-query threshold: its statements' timings and plans, one report. */
  | { kind: 'slow'; report: string }
  /** The database could not be opened: the pool then terminates this worker. */
  | { kind: 'fatal'; message: string };
