/**
 * One running export (SPEC 13): Switchboard's own tracer and meter providers (never the global
 * ones, so a config change swaps them without a restart), OTLP over HTTP with protobuf, spans in a
 * bounded batch queue. Nothing here is awaited on a call's path: a finished span is counted and
 * handed to the batch processor, which exports on its own timer.
 */
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { Context, Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TelemetryStatus } from '../../../shared/telemetry';
import { createDeferredDurations, type DurationRecorder } from './deferredDurations';
import type { EffectiveTelemetry } from './telemetrySchema';

/** Queue and timing limits; tests and the bench shrink them. */
export interface ExportTuning {
  /** Finished spans waiting for export; past it new spans are dropped (and counted). */
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMillis: number;
  /** One OTLP request's limit: a hanging collector fails the batch after this. */
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

/** Seconds; the MCP semantic conventions' advice for the operation duration histograms. */
const DURATION_BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
/** Arguments and results on spans are cut here (the full text is in the activity log). */
const ATTRIBUTE_VALUE_LIMIT = 16 * 1024;

export interface ExportPipeline {
  readonly settings: EffectiveTelemetry;
  readonly tracer: Tracer;
  readonly serverDuration: DurationRecorder;
  readonly clientDuration: DurationRecorder;
  status(): TelemetryStatus;
  /** Exports what is queued; for tests and shutdown. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

interface ExportCounters {
  queued: number;
  exported: number;
  dropped: number;
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
}

export function createExportPipeline(
  settings: EffectiveTelemetry,
  version: string,
  tuning: ExportTuning = DEFAULT_EXPORT_TUNING,
): ExportPipeline {
  const counters: ExportCounters = {
    queued: 0,
    exported: 0,
    dropped: 0,
    lastSuccessAt: null,
    lastError: null,
  };
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: settings.serviceName,
    [ATTR_SERVICE_VERSION]: version,
  });
  // The OTLP request gives up before the batch processor's own timer, so every batch ends in our
  // callback (exported or dropped) and the counters stay exact.
  const requestTimeout = Math.max(1, Math.floor(tuning.exportTimeoutMillis / 2));
  const spanExporter = new OTLPTraceExporter({
    url: `${settings.endpoint}/v1/traces`,
    headers: settings.headers,
    timeoutMillis: requestTimeout,
  });
  const batch = new BatchSpanProcessor(new ObservedSpanExporter(spanExporter, counters), {
    maxQueueSize: tuning.maxQueueSize,
    maxExportBatchSize: Math.min(tuning.maxExportBatchSize, tuning.maxQueueSize),
    scheduledDelayMillis: tuning.scheduledDelayMillis,
    exportTimeoutMillis: tuning.exportTimeoutMillis,
  });
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BoundedSpanProcessor(batch, counters, tuning.maxQueueSize)],
    spanLimits: { attributeValueLengthLimit: ATTRIBUTE_VALUE_LIMIT },
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({
          url: `${settings.endpoint}/v1/metrics`,
          headers: settings.headers,
          timeoutMillis: requestTimeout,
        }),
        exportIntervalMillis: tuning.metricIntervalMillis,
        exportTimeoutMillis: Math.min(tuning.exportTimeoutMillis, tuning.metricIntervalMillis),
      }),
    ],
  });
  const meter = meterProvider.getMeter('switchboard', version);
  const deferred = createDeferredDurations();
  const histogram = (name: string, description: string): DurationRecorder =>
    deferred(
      meter.createHistogram(name, {
        unit: 's',
        description,
        advice: { explicitBucketBoundaries: DURATION_BUCKETS },
      }),
    );

  const serverDuration = histogram(
    'mcp.server.operation.duration',
    'Duration of an MCP request an agent sent to Switchboard, as Switchboard served it.',
  );
  const clientDuration = histogram(
    'mcp.client.operation.duration',
    'Duration of an MCP request Switchboard sent to an upstream server.',
  );

  return {
    settings,
    tracer: tracerProvider.getTracer('switchboard', version),
    serverDuration,
    clientDuration,
    status: () => ({
      enabled: true,
      endpoint: settings.endpoint,
      endpoint_source: settings.endpointSource,
      include_arguments: settings.includeArguments,
      exported_spans: counters.exported,
      queued_spans: counters.queued,
      dropped_spans: counters.dropped,
      last_success_at: counters.lastSuccessAt,
      last_error: counters.lastError,
    }),
    async flush() {
      serverDuration.drain();
      await Promise.all([tracerProvider.forceFlush(), meterProvider.forceFlush()]);
    },
    async shutdown() {
      serverDuration.drain();
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

/**
 * Keeps the queue's size where the counters can see it: a span past `maxQueueSize` is dropped
 * and counted here, instead of silently inside the batch processor.
 */
class BoundedSpanProcessor implements SpanProcessor {
  constructor(
    private readonly inner: SpanProcessor,
    private readonly counters: ExportCounters,
    private readonly maxQueueSize: number,
  ) {}

  onStart(span: Span, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    if (this.counters.queued >= this.maxQueueSize) {
      this.counters.dropped++;
      return;
    }
    this.counters.queued++;
    this.inner.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/** Counts each batch as exported or dropped and keeps the last success and error for status. */
class ObservedSpanExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly counters: ExportCounters,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const counters = this.counters;
    counters.queued = Math.max(0, counters.queued - spans.length);
    let settled = false;
    const settle = (result: ExportResult): void => {
      if (settled) return;
      settled = true;
      const at = new Date().toISOString();
      if (result.code === ExportResultCode.SUCCESS) {
        counters.exported += spans.length;
        counters.lastSuccessAt = at;
      } else {
        counters.dropped += spans.length;
        counters.lastError = { at, message: result.error?.message ?? 'export failed' };
      }
      resultCallback(result);
    };
    try {
      this.inner.export(spans, settle);
    } catch (error) {
      settle({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
