/**
 * One running export (SPEC 13). On the proxy's thread: Switchboard's own tracer provider (never the
 * global one, so a config change swaps it without a restart), whose finished spans wait in a
 * bounded queue, and the duration records; both leave in batches for the export side
 * (otlpExport.ts, in the export worker), which serializes them to OTLP protobuf, sends them and
 * reports each batch back. Nothing here is awaited on a call's path.
 */
import type { Attributes, Context, Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TelemetryStatus } from '../../../shared/telemetry';
import { drainAfterResponse } from './afterResponse';
import { createExportChannel, type ExportChannel } from './exportChannel';
import { createCallSpanTable } from './callSpanColumns';
import { ATTRIBUTE_VALUE_LIMIT, type CallSpan, type CallSpanEnd } from './callSpans';
import {
  CLIENT_DURATION,
  SERVER_DURATION,
  type ExportBatch,
  type FromExportWorker,
} from './exportProtocol';
import { toSpanRecord } from './spanRecords';
import type { EffectiveTelemetry } from './telemetrySchema';

/** Queue and timing limits; tests and the bench shrink them. */
export interface ExportTuning {
  /** Finished spans not yet exported (queued here or in the worker); past it new spans are dropped (and counted). */
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  /** One batch's limit: a hanging collector fails the batch after this. */
  exportTimeoutMillis: number;
  metricIntervalMillis: number;
}

export const DEFAULT_EXPORT_TUNING: Readonly<ExportTuning> = Object.freeze({
  maxQueueSize: 2048,
  maxExportBatchSize: 512,
  scheduledDelayMillis: 1000,
  exportTimeoutMillis: 10_000,
  metricIntervalMillis: 60_000,
});

/**
 * Finished spans leave for the worker in small groups: a span held on this thread until its OTLP
 * batch of 512 fills would survive young-generation GCs and be copied and promoted, which measured
 * as more CPU than the span work itself. The worker makes the OTLP batches.
 */
const SHIP_EVERY_SPANS = 64;
/** How long a span waits on this thread at most when few come. */
const SHIP_DELAY_MS = 100;
/** Duration records waiting for the next batch; past it they leave at once. */
const MAX_PENDING_DURATIONS = 4096;
/** Attribute sets the worker is told about before both sides forget them and start over. */
const MAX_ATTRIBUTE_SETS = 4096;

export interface DurationRecorder {
  record(seconds: number, attributes: Attributes): void;
}

export interface ExportPipeline {
  readonly settings: EffectiveTelemetry;
  readonly tracer: Tracer;
  readonly serverDuration: DurationRecorder;
  readonly clientDuration: DurationRecorder;
  /** A call span's end (callSpans.ts): queued like an SDK span's end. */
  exportCallSpan(span: CallSpan, end: CallSpanEnd): void;
  status(): TelemetryStatus;
  /** Exports what is queued (spans and metrics); for tests and shutdown. */
  flush(): Promise<void>;
  /** Flushes, then stops the export; past `timeoutMs` the worker is ended with what it holds. */
  shutdown(timeoutMs?: number): Promise<void>;
}

export interface ExportPipelineOptions {
  version: string;
  tuning?: ExportTuning;
  /** The export worker's entry; without it the export runs on this thread. */
  workerEntry?: string;
  log?: (message: string) => void;
}

interface ExportCounters {
  /** Sent to the worker, not yet settled. */
  inFlight: number;
  exported: number;
  dropped: number;
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
}

export function createExportPipeline(
  settings: EffectiveTelemetry,
  options: ExportPipelineOptions,
): ExportPipeline {
  const tuning = options.tuning ?? DEFAULT_EXPORT_TUNING;
  const counters: ExportCounters = {
    inFlight: 0,
    exported: 0,
    dropped: 0,
    lastSuccessAt: null,
    lastError: null,
  };
  const flushes = new Map<number, () => void>();
  let closed: (() => void) | null = null;
  let nextFlushId = 1;

  const channel: ExportChannel = createExportChannel({
    ...(options.workerEntry === undefined ? {} : { entry: options.workerEntry }),
    data: {
      endpoint: settings.endpoint,
      headers: settings.headers,
      serviceName: settings.serviceName,
      version: options.version,
      // The OTLP request gives up before the batch's own limit, so every batch ends in the
      // exporter's callback (exported or dropped) and the counters stay exact.
      requestTimeoutMillis: Math.max(1, Math.floor(tuning.exportTimeoutMillis / 2)),
      exportTimeoutMillis: tuning.exportTimeoutMillis,
      metricIntervalMillis: tuning.metricIntervalMillis,
      maxExportBatchSize: Math.max(1, Math.min(tuning.maxExportBatchSize, tuning.maxQueueSize)),
      scheduledDelayMillis: tuning.scheduledDelayMillis,
      timeOrigin: performance.timeOrigin,
    },
    onMessage: (message: FromExportWorker) => {
      if (message.kind === 'spans_settled') {
        counters.inFlight = Math.max(0, counters.inFlight - message.count);
        if (message.error === null) {
          counters.exported += message.count;
          counters.lastSuccessAt = message.at;
        } else {
          counters.dropped += message.count;
          counters.lastError = { at: message.at, message: message.error };
        }
      } else if (message.kind === 'flushed') {
        flushes.get(message.id)?.();
        flushes.delete(message.id);
      } else if (message.kind === 'closed') {
        closed?.();
      }
    },
    onLost: (reason) => {
      outbox.workerLost();
      counters.dropped += counters.inFlight;
      counters.inFlight = 0;
      counters.lastError = { at: new Date().toISOString(), message: reason };
      for (const done of flushes.values()) done();
      flushes.clear();
      closed?.();
    },
    ...(options.log === undefined ? {} : { log: options.log }),
  });

  const outbox = createOutbox(channel, counters, tuning);
  const tracerProvider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: settings.serviceName,
      [ATTR_SERVICE_VERSION]: options.version,
    }),
    spanProcessors: [outbox.spanProcessor],
    spanLimits: { attributeValueLengthLimit: ATTRIBUTE_VALUE_LIMIT },
  });

  let stopping: Promise<void> | null = null;

  async function flush(): Promise<void> {
    // A stopped pipeline's worker answers no more: its shutdown was the last flush.
    if (stopping !== null) return stopping;
    drainAfterResponse();
    outbox.send();
    const id = nextFlushId++;
    channel.hold(true);
    try {
      await new Promise<void>((done) => {
        flushes.set(id, done);
        channel.post({ kind: 'flush', id });
      });
    } finally {
      if (flushes.size === 0) channel.hold(false);
    }
  }

  return {
    settings,
    tracer: tracerProvider.getTracer('switchboard', options.version),
    serverDuration: {
      record: (seconds, attributes) => outbox.duration(SERVER_DURATION, seconds, attributes),
    },
    clientDuration: {
      record: (seconds, attributes) => outbox.duration(CLIENT_DURATION, seconds, attributes),
    },
    exportCallSpan: (span, end) => outbox.callSpan(span, end),
    status: () => ({
      enabled: true,
      endpoint: settings.endpoint,
      endpoint_source: settings.endpointSource,
      include_arguments: settings.includeArguments,
      exported_spans: counters.exported,
      queued_spans: outbox.pendingSpans() + counters.inFlight,
      dropped_spans: counters.dropped,
      last_success_at: counters.lastSuccessAt,
      last_error: counters.lastError,
    }),
    flush,
    shutdown(timeoutMs = tuning.exportTimeoutMillis) {
      stopping ??= (async () => {
        drainAfterResponse();
        outbox.stop();
        channel.hold(true);
        const answered = new Promise<void>((done) => {
          closed = done;
          channel.post({ kind: 'shutdown' });
        });
        let timer: NodeJS.Timeout | undefined;
        const overdue = new Promise<void>((done) => {
          timer = setTimeout(done, timeoutMs);
        });
        await Promise.race([answered, overdue]);
        clearTimeout(timer);
        await channel.terminate();
      })();
      return stopping;
    },
  };
}

interface Outbox {
  readonly spanProcessor: SpanProcessor;
  callSpan(span: CallSpan, end: CallSpanEnd): void;
  duration(histogram: number, seconds: number, attributes: Attributes): void;
  pendingSpans(): number;
  /** Sends what is pending now. */
  send(): void;
  /** Sends what is pending and takes no more. */
  stop(): void;
  /** The worker died: what it knew of attribute sets went with it. */
  workerLost(): void;
}

/**
 * What waits on the proxy's thread for the worker: finished spans (bounded together with what the
 * worker holds: a span past `maxQueueSize` is dropped and counted) and duration records. They
 * leave every SHIP_EVERY_SPANS spans, in the next turn of the event loop, else after
 * SHIP_DELAY_MS; an SDK span is turned into plain data only then, call spans and durations are
 * columns already, and the attribute sets they name are given ids (each sent to the worker once).
 */
function createOutbox(
  channel: ExportChannel,
  counters: ExportCounters,
  tuning: ExportTuning,
): Outbox {
  let sdkSpans: ReadableSpan[] = [];
  const callSpans = createCallSpanTable();
  let durations = emptyDurations();
  let attributeIds = new WeakMap<Attributes, number>();
  let knownSets = 0;
  let nextSetId = 1;
  let resetAttributeSets = false;
  let newSets: [number, Attributes][] = [];
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let stopped = false;

  function idOf(attributes: Attributes): number {
    let id = attributeIds.get(attributes);
    if (id === undefined) {
      id = nextSetId++;
      attributeIds.set(attributes, id);
      knownSets++;
      newSets.push([id, attributes]);
    }
    return id;
  }

  function pendingSpans(): number {
    return sdkSpans.length + callSpans.size();
  }

  function send(): void {
    if (timer !== null) clearTimeout(timer);
    if (immediate !== null) clearImmediate(immediate);
    timer = null;
    immediate = null;
    const hasDurations = durations.sets.length > 0;
    if (pendingSpans() === 0 && !hasDurations) return;
    counters.inFlight += pendingSpans();
    const batch: ExportBatch = {
      kind: 'batch',
      resetAttributeSets,
      attributeSets: newSets,
      spans: sdkSpans.map(toSpanRecord),
      callSpans: callSpans.take(idOf),
      durations: hasDurations
        ? {
            histograms: durations.histograms,
            seconds: durations.seconds,
            attributeIds: durations.sets.map(idOf),
          }
        : null,
    };
    channel.post(batch);
    sdkSpans = [];
    if (hasDurations) durations = emptyDurations();
    newSets = [];
    resetAttributeSets = false;
    if (knownSets >= MAX_ATTRIBUTE_SETS) forgetAttributeSets();
  }

  /** Both sides start over: the next batch says so and sends the sets it names again. */
  function forgetAttributeSets(): void {
    attributeIds = new WeakMap();
    knownSets = 0;
    newSets = [];
    resetAttributeSets = true;
  }

  function schedule(full: boolean): void {
    if (full) {
      immediate ??= setImmediate(send);
    } else if (timer === null) {
      timer = setTimeout(send, Math.min(SHIP_DELAY_MS, tuning.scheduledDelayMillis));
      timer.unref();
    }
  }

  function admits(): boolean {
    if (!stopped && pendingSpans() + counters.inFlight < tuning.maxQueueSize) return true;
    counters.dropped++;
    return false;
  }

  const spanProcessor: SpanProcessor = {
    onStart(_span: Span, _context: Context): void {},
    onEnd(span) {
      if (!admits()) return;
      sdkSpans.push(span);
      schedule(pendingSpans() >= SHIP_EVERY_SPANS);
    },
    forceFlush: async () => send(),
    shutdown: async () => send(),
  };

  return {
    spanProcessor,
    callSpan(span, end) {
      if (!admits()) return;
      callSpans.add(span, end);
      schedule(pendingSpans() >= SHIP_EVERY_SPANS);
    },
    duration(histogram, seconds, attributes) {
      if (stopped) return;
      durations.histograms.push(histogram);
      durations.seconds.push(seconds);
      durations.sets.push(attributes);
      schedule(durations.sets.length >= MAX_PENDING_DURATIONS);
    },
    pendingSpans,
    send,
    // What waits here names attribute sets by object, not id: it is sent to the new worker whole.
    workerLost: forgetAttributeSets,
    stop() {
      send();
      stopped = true;
    },
  };
}

interface PendingDurations {
  histograms: number[];
  seconds: number[];
  sets: Attributes[];
}

function emptyDurations(): PendingDurations {
  return { histograms: [], seconds: [], sets: [] };
}
