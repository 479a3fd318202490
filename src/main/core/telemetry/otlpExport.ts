/**
 * The export side of one pipeline (SPEC 13), run by the export worker (telemetryExportWorker.ts) or, without
 * one, on the proxy's thread: the official OTLP/HTTP protobuf exporters, the meter provider whose
 * duration histograms the proxy's records feed, and a FIFO of span batches sent one request at a
 * time. Each batch's outcome goes back to the proxy's counters.
 */
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { Attributes, Histogram } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { callSpanRecords } from './callSpanColumns';
import type {
  DurationColumns,
  ExportBatch,
  ExportWorkerData,
  FromExportWorker,
  SpanRecord,
  ToExportWorker,
} from './exportProtocol';
import { fromSpanRecord } from './spanRecords';

/** Seconds; the MCP semantic conventions' advice for the operation duration histograms. */
const DURATION_BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

export interface OtlpExport {
  handle(message: ToExportWorker): void;
}

export function createOtlpExport(
  data: ExportWorkerData,
  reply: (message: FromExportWorker) => void,
): OtlpExport {
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: data.serviceName,
    [ATTR_SERVICE_VERSION]: data.version,
  });
  const scope = { name: 'switchboard', version: data.version };
  const spanExporter = new OTLPTraceExporter({
    url: `${data.endpoint}/v1/traces`,
    headers: data.headers,
    timeoutMillis: data.requestTimeoutMillis,
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({
          url: `${data.endpoint}/v1/metrics`,
          headers: data.headers,
          timeoutMillis: data.requestTimeoutMillis,
        }),
        exportIntervalMillis: data.metricIntervalMillis,
        exportTimeoutMillis: Math.min(data.exportTimeoutMillis, data.metricIntervalMillis),
      }),
    ],
  });
  const meter = meterProvider.getMeter('switchboard', data.version);
  const histogram = (name: string, description: string): Histogram =>
    meter.createHistogram(name, {
      unit: 's',
      description,
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
  // Indexed by SERVER_DURATION and CLIENT_DURATION.
  const histograms = [
    histogram(
      'mcp.server.operation.duration',
      'Duration of an MCP request an agent sent to Switchboard, as Switchboard served it.',
    ),
    histogram(
      'mcp.client.operation.duration',
      'Duration of an MCP request Switchboard sent to an upstream server.',
    ),
  ];
  const attributeSets = new Map<number, Attributes>();

  /** Spans waiting for their batch to fill (or for the timer). */
  let filling: SpanRecord[] = [];
  let fillTimer: NodeJS.Timeout | null = null;
  const batches: SpanRecord[][] = [];
  let exporting = false;
  /** Flushes waiting for the span batches queued before them. */
  const waiting: { remaining: number; done: () => void }[] = [];
  let stopped = false;

  function receive(batch: ExportBatch): void {
    if (batch.resetAttributeSets) attributeSets.clear();
    for (const [id, attributes] of batch.attributeSets) attributeSets.set(id, attributes);
    if (batch.durations !== null) record(batch.durations);
    if (batch.spans.length > 0) take(batch.spans);
    if (batch.callSpans !== null)
      take(callSpanRecords(batch.callSpans, attributeSets, data.timeOrigin));
  }

  function record(durations: DurationColumns): void {
    const { histograms: which, seconds, attributeIds } = durations;
    for (let i = 0; i < seconds.length; i++) {
      const attributes = attributeSets.get(attributeIds[i]!);
      if (attributes !== undefined) histograms[which[i]!]?.record(seconds[i]!, attributes);
    }
  }

  function exportNext(): void {
    const spans = batches.shift();
    if (spans === undefined) {
      exporting = false;
      return;
    }
    exporting = true;
    let settled = false;
    const settle = (result: ExportResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const failed = result.code !== ExportResultCode.SUCCESS;
      reply({
        kind: 'spans_settled',
        count: spans.length,
        at: new Date().toISOString(),
        error: failed ? (result.error?.message ?? 'export failed') : null,
      });
      for (const flush of waiting) flush.remaining--;
      while (waiting.length > 0 && waiting[0]!.remaining <= 0) waiting.shift()!.done();
      exportNext();
    };
    // The OTLP request gives up first (requestTimeoutMillis); this only guards against a callback
    // that never comes, so the FIFO moves on and the proxy's counters stay exact.
    const timer = setTimeout(
      () => settle({ code: ExportResultCode.FAILED, error: new Error('export timed out') }),
      data.exportTimeoutMillis,
    );
    try {
      spanExporter.export(
        spans.map((span) => fromSpanRecord(span, resource, scope)),
        settle,
      );
    } catch (error) {
      settle({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  function take(spans: SpanRecord[]): void {
    for (const span of spans) filling.push(span);
    while (filling.length >= data.maxExportBatchSize) {
      batches.push(filling.slice(0, data.maxExportBatchSize));
      filling = filling.slice(data.maxExportBatchSize);
    }
    if (filling.length > 0) fillTimer ??= setTimeout(closeBatch, data.scheduledDelayMillis);
    if (!exporting) exportNext();
  }

  /** The spans waiting leave as a batch now. */
  function closeBatch(): void {
    if (fillTimer !== null) clearTimeout(fillTimer);
    fillTimer = null;
    if (filling.length > 0) batches.push(filling);
    filling = [];
    if (!exporting) exportNext();
  }

  /** Resolves once every span batch queued so far is settled. */
  function spansSettled(): Promise<void> {
    closeBatch();
    const remaining = batches.length + (exporting ? 1 : 0);
    if (remaining === 0) return Promise.resolve();
    return new Promise((done) => waiting.push({ remaining, done }));
  }

  return {
    handle(message) {
      if (stopped) return;
      switch (message.kind) {
        case 'batch':
          receive(message);
          return;
        case 'flush':
          void Promise.allSettled([spansSettled(), meterProvider.forceFlush()]).then(() =>
            reply({ kind: 'flushed', id: message.id }),
          );
          return;
        case 'shutdown':
          stopped = true;
          void spansSettled()
            .then(() => Promise.allSettled([meterProvider.shutdown(), spanExporter.shutdown()]))
            .then(() => reply({ kind: 'closed' }));
          return;
      }
    },
  };
}
