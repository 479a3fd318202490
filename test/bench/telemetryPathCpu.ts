/**
 * The CPU telemetry adds to one tools/call, measured in-process (`process.cpuUsage`) so that a
 * busy machine's scheduling does not drown it as it does the latency figures: the real tracing
 * wrappers (SERVER span, CLIENT span with the traceparent injected, the record's attributes, both
 * duration records) around a handler whose upstream answers at once, telemetry off vs on,
 * alternated in rounds. Export goes to a collector that accepts everything; its serialization runs
 * on this thread too and is counted.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newActivityRecord } from '../../src/main/core/activity/newActivityRecord';
import type { RecordQueue } from '../../src/main/core/activity/contracts';
import type { createToolCallHandler } from '../../src/main/core/gateway/toolCallHandler';
import {
  traceCallRecords,
  traceToolCalls,
  traceUpstreamCalls,
  type CallTracingSource,
} from '../../src/main/core/telemetry';
import {
  createExportPipeline,
  type ExportPipeline,
} from '../../src/main/core/telemetry/exportPipeline';
import type { UpstreamManager, UpstreamRouter } from '../../src/main/core/upstreams/contracts';
import { TELEMETRY_WORKER_SOURCE } from '../support/workers';
import { median, round } from './stats';

export interface TelemetryPathCpu {
  /** CPU per call of the wrapped handler, µs (median of the rounds). */
  off_us_per_call: number;
  on_us_per_call: number;
  overhead_us_per_call: number;
}

type Handler = ReturnType<typeof createToolCallHandler>;

export async function measureTelemetryPathCpu(
  options: { callsPerRound?: number; rounds?: number } = {},
): Promise<TelemetryPathCpu> {
  const callsPerRound = options.callsPerRound ?? 5000;
  const rounds = options.rounds ?? 8;
  const collector = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((done) => collector.listen(0, '127.0.0.1', done));
  const pipeline = createExportPipeline(
    {
      endpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      endpointSource: 'config',
      headers: {},
      serviceName: 'bench',
      includeArguments: false,
    },
    { version: 'bench', workerEntry: TELEMETRY_WORKER_SOURCE },
  );
  let current: ExportPipeline | null = null;
  const source: CallTracingSource = { pipeline: () => current, redact: (value) => value };
  const handler = tracedHandler(source);
  const who = {
    sessionId: 'bench-session',
    clientName: 'bench',
    clientVersion: '1',
    tokenId: 't',
    tokenName: 'bench',
  };
  const run = async (n: number): Promise<number> => {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const controller = new AbortController();
      await handler(
        { name: 'everything__echo', arguments: { message: `bench ${i}` } },
        { signal: controller.signal, requestId: i, sendNotification: async () => undefined },
        who,
      );
    }
    // The deferred duration records run in the next turn: count them.
    await new Promise((done) => setImmediate(done));
    const used = process.cpuUsage(before);
    return (used.user + used.system) / n;
  };
  const samples = { off: [] as number[], on: [] as number[] };
  current = pipeline;
  await run(2000);
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      current = which === 'on' ? pipeline : null;
      samples[which].push(await run(callsPerRound));
    }
  }
  current = pipeline;
  await pipeline.flush();
  await pipeline.shutdown();
  collector.closeAllConnections();
  await new Promise<void>((done) => collector.close(() => done()));
  const off = round(median(samples.off), 1);
  const on = round(median(samples.on), 1);
  return { off_us_per_call: off, on_us_per_call: on, overhead_us_per_call: round(on - off, 1) };
}

/** The gateway's wrappers around a handler that forwards and records as the real one does. */
function tracedHandler(source: CallTracingSource): Handler {
  const upstream = {
    callTool: async (
      _server: string,
      _tool: string,
      args: Record<string, unknown> | undefined,
    ) => ({
      content: [{ type: 'text' as const, text: `Echo: ${String(args?.message)}` }],
    }),
  } as unknown as UpstreamManager & UpstreamRouter;
  const upstreams = traceUpstreamCalls(upstream, () => 'stdio');
  const recorder = traceCallRecords({ enqueue: () => undefined } as unknown as RecordQueue);
  return traceToolCalls(async (params, extra, who) => {
    const result = await upstreams.callTool('everything', 'echo', params.arguments, {
      signal: extra.signal,
    });
    recorder.enqueue(
      newActivityRecord({
        id: String(extra.requestId),
        type: 'tool_call',
        timestamp: new Date().toISOString(),
        server_name: 'everything',
        tool_name: 'echo',
        arguments: params.arguments ?? null,
        session_id: who.sessionId,
      }),
    );
    return { result, resultJson: null };
  }, source);
}
