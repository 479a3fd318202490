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

/**
 * Duration records, flat: for record i, `histograms[i]`, `seconds[i]` and `attributeIds[i]`. An
 * attribute set is sent once, in `attributeSets`, before the first record that names its id.
 */
export interface DurationBatch {
  /** The worker forgets every attribute set it knows before reading `attributeSets`. */
  resetAttributeSets: boolean;
  attributeSets: [id: number, attributes: Attributes][];
  histograms: number[];
  seconds: number[];
  attributeIds: number[];
}

export type ToExportWorker =
  | { kind: 'batch'; spans: SpanRecord[]; durations: DurationBatch | null }
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
