import { afterEach, describe, expect, it } from 'vitest';
import { SpanKind } from '@opentelemetry/api';
import { startCallSpan } from '../../../../src/main/core/telemetry/callSpans';
import {
  createExportPipeline,
  type ExportPipeline,
} from '../../../../src/main/core/telemetry/exportPipeline';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { startOtlpReceiver, type OtlpReceiver } from '../../../support/otlp/otlpReceiver';
import { TELEMETRY_WORKER_SOURCE } from '../../../support/workers';

const TUNING = {
  maxQueueSize: 64,
  maxExportBatchSize: 16,
  scheduledDelayMillis: 50,
  exportTimeoutMillis: 1_000,
  metricIntervalMillis: 60_000,
};

let receiver: OtlpReceiver | null = null;
let pipeline: ExportPipeline | null = null;

afterEach(async () => {
  await pipeline?.shutdown(1_000);
  await receiver?.close();
  pipeline = null;
  receiver = null;
});

function pipelineTo(endpoint: string, workerEntry?: string, log?: (line: string) => void) {
  return createExportPipeline(
    {
      endpoint,
      endpointSource: 'config',
      headers: {},
      serviceName: 'pipeline-test',
      includeArguments: false,
    },
    {
      version: 'test',
      tuning: TUNING,
      ...(workerEntry === undefined ? {} : { workerEntry }),
      ...(log === undefined ? {} : { log }),
    },
  );
}

/** An SDK span (other methods, checkpoints) and a plain call span record (tools/call). */
function endTwoSpans(into: ExportPipeline): void {
  const sdkSpan = into.tracer.startSpan('initialize', { kind: SpanKind.SERVER });
  sdkSpan.setAttribute('mcp.method.name', 'initialize');
  sdkSpan.end();
  const started = performance.now();
  into.exportCallSpan(startCallSpan(ROOT_CONTEXT, started), {
    name: 'tools/call echo__add',
    kind: SpanKind.SERVER,
    attributes: { 'mcp.method.name': 'tools/call' },
    own: ['jsonrpc.request.id', '7'],
    endedAt: started + 1,
    errorType: 'tool_error',
    errorMessage: 'it failed',
  });
}

describe('export pipeline', () => {
  it('exports from its worker: SDK spans and call span records alike, counted in status; shutdown ends it', async () => {
    receiver = await startOtlpReceiver();
    pipeline = pipelineTo(receiver.endpoint, TELEMETRY_WORKER_SOURCE);
    endTwoSpans(pipeline);
    pipeline.serverDuration.record(0.002, { 'mcp.method.name': 'tools/call' });
    await pipeline.flush();

    const spans = await receiver.waitForSpans((all) => all.length >= 2);
    expect(spans.map((span) => span.name).sort()).toEqual(['initialize', 'tools/call echo__add']);
    const call = spans.find((span) => span.name === 'tools/call echo__add')!;
    expect(call.kind).toBe('SPAN_KIND_SERVER');
    expect(call.attributes).toEqual({
      'mcp.method.name': 'tools/call',
      'jsonrpc.request.id': '7',
      'error.type': 'tool_error',
    });
    expect(call.status).toEqual({ code: 'STATUS_CODE_ERROR', message: 'it failed' });
    expect(call.resource['service.name']).toBe('pipeline-test');
    expect(pipeline.status()).toMatchObject({
      exported_spans: 2,
      queued_spans: 0,
      dropped_spans: 0,
    });

    await pipeline.shutdown(1_000);
    const metrics = await receiver.waitForMetrics((all) =>
      all.some((metric) => metric.name === 'mcp.server.operation.duration'),
    );
    expect(metrics.find((m) => m.name === 'mcp.server.operation.duration')!.points).toEqual([
      { attributes: { 'mcp.method.name': 'tools/call' }, count: 1 },
    ]);
    // A stopped pipeline takes no more spans: they are counted as dropped.
    endTwoSpans(pipeline);
    expect(pipeline.status().dropped_spans).toBe(2);
  });

  it('exports on the main thread when the worker cannot load, and says so', async () => {
    receiver = await startOtlpReceiver();
    const lines: string[] = [];
    pipeline = pipelineTo(receiver.endpoint, '/nonexistent/telemetryExportWorker.mjs', (line) =>
      lines.push(line),
    );
    await new Promise((done) => setTimeout(done, 200));
    endTwoSpans(pipeline);
    await pipeline.flush();
    await receiver.waitForSpans((all) => all.length >= 2);
    expect(lines.join('\n')).toContain('exporting on the main thread');
    expect(pipeline.status().exported_spans).toBe(2);
  });
});
