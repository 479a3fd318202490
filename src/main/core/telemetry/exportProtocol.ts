/**
 * The messages between the proxy's thread and the telemetry export worker (telemetryExportWorker.ts): the
 * proxy thread ends spans and measures durations; the worker turns them into OTLP protobuf, sends
 * them, and reports each batch's outcome back for `status`.
 */
import type { Attributes, HrTime } from '@opentelemetry/api';

export interface ExportWorkerData {
  endpoint: string;
  headers: Record<string, string>;
  serviceName: string;
  version: string;
  /** One OTLP request's own limit (the exporter's `timeoutMillis`). */
  requestTimeoutMillis: number;
  /** A batch the exporter has not settled by then counts as failed. */
  exportTimeoutMillis: number;
  metricIntervalMillis: number;
  /** Spans per OTLP request, at most. */
  maxExportBatchSize: number;
  /** How long a span waits in the worker for its batch to fill. */
  scheduledDelayMillis: number;
  /** The proxy thread's `performance.timeOrigin`: call span times are relative to it. */
  timeOrigin: number;
}

/** What the OTLP exporter reads of a finished span, as plain data (structured-clone friendly). */
export interface SpanRecord {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  traceFlags: number;
  /** W3C tracestate, serialized; absent when the trace has none. */
  traceState?: string;
  parentSpanId?: string;
  parentIsRemote?: boolean;
  startTime: HrTime;
  endTime: HrTime;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: SpanEventRecord[];
  droppedEventsCount: number;
  statusCode: number;
  statusMessage?: string;
  links: SpanLinkRecord[];
  droppedLinksCount: number;
}

export interface SpanEventRecord {
  name: string;
  time: HrTime;
  attributes?: Attributes;
  droppedAttributesCount?: number;
}

export interface SpanLinkRecord {
  traceId: string;
  spanId: string;
  traceFlags: number;
  traceState?: string;
  isRemote?: boolean;
  attributes?: Attributes;
  droppedAttributesCount?: number;
}

/** Which duration histogram a record goes to. */
export const SERVER_DURATION = 0;
export const CLIENT_DURATION = 1;

/** Duration records, flat: for record i, `histograms[i]`, `seconds[i]` and `attributeIds[i]`. */
export interface DurationColumns {
  histograms: number[];
  seconds: number[];
  attributeIds: number[];
}

/**
 * Finished call spans (callSpans.ts, a tools/call's SERVER and CLIENT spans), flat: the worker
 * makes the span records. Span i has the attribute set `attributeIds[i]` followed by its own
 * `ownCounts[i]` strings of `own` (key, value, key, value, ...), the ids `ids[3i..3i+2]` (trace,
 * span, parent: '' for none), the times `times[2i]`, `times[2i+1]` (`performance.now()` on the
 * proxy's thread, whose `timeOrigin` the worker has) and `errors[2i]` (`error.type`, '' for none),
 * `errors[2i+1]` (the status message). A few columns of strings and numbers cost far less to copy
 * to the worker than one object per span with its attributes and times.
 */
export interface CallSpanColumns {
  attributeIds: number[];
  names: string[];
  kinds: number[];
  ids: string[];
  /** The trace flags, plus REMOTE_PARENT when the parent came from the agent. */
  flags: number[];
  /** W3C tracestate, serialized; '' for none. */
  traceStates: string[];
  times: number[];
  ownCounts: number[];
  own: string[];
  errors: string[];
}

/** In `CallSpanColumns.flags`: the span's parent is the agent's (a `traceparent` it sent). */
export const REMOTE_PARENT = 0x100;

/**
 * What leaves the proxy's thread at once. An attribute set (a call span's shared attributes, a
 * duration record's) is sent once, in `attributeSets`, before the first column that names its id.
 */
export interface ExportBatch {
  kind: 'batch';
  /** The worker forgets every attribute set it knows before reading `attributeSets`. */
  resetAttributeSets: boolean;
  attributeSets: [id: number, attributes: Attributes][];
  /** SDK spans (the methods other than tools/call, checkpoints). */
  spans: SpanRecord[];
  callSpans: CallSpanColumns | null;
  durations: DurationColumns | null;
}

export type ToExportWorker =
  | ExportBatch
  /** Answered with `flushed` once every span sent before it is settled and metrics are exported. */
  | { kind: 'flush'; id: number }
  /** Like flush, then the exporters stop; answered with `closed`. */
  | { kind: 'shutdown' };

export type FromExportWorker =
  /** The worker has loaded: a later failure is a crash, not a missing or broken entry. */
  | { kind: 'ready' }
  | { kind: 'spans_settled'; count: number; at: string; error: string | null }
  | { kind: 'flushed'; id: number }
  | { kind: 'closed' };
