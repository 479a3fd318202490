import { afterEach, describe, expect, it } from 'vitest';
import { SpanKind } from '@opentelemetry/api';
import { startCallSpan } from '../../../../src/main/core/telemetry/callSpans';
import {
  createExportPipeline,
  type ExportPipeline,
} from '../../../../src/main/core/telemetry/exportPipeline';
import { ROOT_CONTEXT, type Attributes } from '@opentelemetry/api';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOtlpReceiver, type OtlpReceiver } from '../../../support/otlp/otlpReceiver';
import {
  EXPORT_THREAD_NAME,
  EXPORT_THREAD_NICE,
  setUpExportThread,
} from '../../../../src/main/core/telemetry/exportThread';
import {
  CRASHING_TELEMETRY_WORKER_SOURCE,
  TELEMETRY_WORKER_SOURCE,
} from '../../../support/workers';

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

  it('counts call spans past the queue limit as dropped, and exports the rest', async () => {
    receiver = await startOtlpReceiver();
    pipeline = pipelineTo(receiver.endpoint, TELEMETRY_WORKER_SOURCE);
    const shared = { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo__add' };
    // All in one turn of the event loop: nothing has left for the worker yet.
    for (let i = 0; i < TUNING.maxQueueSize + 6; i++) exportCallSpan(pipeline, shared, String(i));
    expect(pipeline.status()).toMatchObject({
      queued_spans: TUNING.maxQueueSize,
      dropped_spans: 6,
    });
    await pipeline.flush();
    const spans = await receiver.waitForSpans((all) => all.length >= TUNING.maxQueueSize);
    expect(spans).toHaveLength(TUNING.maxQueueSize);
    expect(spans[0]!.attributes).toEqual({ ...shared, 'jsonrpc.request.id': '0' });
    expect(pipeline.status()).toMatchObject({
      exported_spans: TUNING.maxQueueSize,
      queued_spans: 0,
      dropped_spans: 6,
    });
  });

  it('sends the attribute sets again to a worker started after one died, counting what died with it', async () => {
    process.env.SWITCHBOARD_TEST_CRASH_MARKER = join(
      mkdtempSync(join(tmpdir(), 'switchboard-otel-crash-')),
      'crashed',
    );
    receiver = await startOtlpReceiver();
    pipeline = pipelineTo(receiver.endpoint, CRASHING_TELEMETRY_WORKER_SOURCE);
    const shared = { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo__add' };
    exportCallSpan(pipeline, shared, 'lost');
    pipeline.serverDuration.record(0.001, shared);
    // Answered when the worker dies with the batch.
    await pipeline.flush();
    expect(pipeline.status()).toMatchObject({ exported_spans: 0, dropped_spans: 1 });
    expect(pipeline.status().last_error?.message).toContain('exited');

    exportCallSpan(pipeline, shared, 'kept');
    pipeline.serverDuration.record(0.002, shared);
    await pipeline.flush();
    const spans = await receiver.waitForSpans((all) => all.length >= 1);
    expect(spans.map((span) => span.attributes)).toEqual([
      { ...shared, 'jsonrpc.request.id': 'kept' },
    ]);
    expect(pipeline.status()).toMatchObject({ exported_spans: 1, dropped_spans: 1 });
    const metrics = await receiver.waitForMetrics((all) =>
      all.some((metric) => metric.name === 'mcp.server.operation.duration'),
    );
    expect(metrics.find((m) => m.name === 'mcp.server.operation.duration')!.points).toEqual([
      { attributes: shared, count: 1 },
    ]);
    delete process.env.SWITCHBOARD_TEST_CRASH_MARKER;
  });
});

describe('the export thread', () => {
  it.runIf(process.platform === 'linux')(
    'is named and runs at nice 19, the process keeping its priority',
    async () => {
      const niceOf = (tid: string): number => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      };
      const processNice = niceOf(String(process.pid));
      receiver = await startOtlpReceiver();
      pipeline = pipelineTo(receiver.endpoint, TELEMETRY_WORKER_SOURCE);
      // Answered by the worker: it has loaded and set up its thread.
      await pipeline.flush();
      const threads = readdirSync('/proc/self/task');
      const exportThreads = threads.filter(
        (tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === EXPORT_THREAD_NAME,
      );
      expect(exportThreads).toHaveLength(1);
      expect(niceOf(exportThreads[0]!)).toBe(EXPORT_THREAD_NICE);
      expect(niceOf(String(process.pid))).toBe(processNice);
    },
  );

  it('leaves the priority alone where it would change the whole process', () => {
    expect(setUpExportThread('darwin')).toBeNull();
    expect(setUpExportThread('win32')).toBeNull();
  });
});

function exportCallSpan(into: ExportPipeline, shared: Attributes, requestId: string): void {
  const started = performance.now();
  into.exportCallSpan(startCallSpan(ROOT_CONTEXT, started), {
    name: 'tools/call echo__add',
    kind: SpanKind.SERVER,
    attributes: shared,
    own: ['jsonrpc.request.id', requestId],
    endedAt: started + 1,
  });
}
