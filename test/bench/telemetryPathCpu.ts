/**
 * The CPU telemetry adds to one tools/call, measured in-process (`process.cpuUsage`) so that a
 * busy machine's scheduling does not drown it as it does the latency figures: the real tracing
 * wrappers (SERVER span, CLIENT span with the traceparent injected, the record's attributes, both
 * duration records) around a handler whose upstream answers at once, telemetry off vs on,
 * alternated in rounds. Export goes to a collector that accepts everything; its serialization runs
 * on this thread too and is counted.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
import { drainAfterResponse } from '../../src/main/core/telemetry/afterResponse';
import {
  createExportPipeline,
  type ExportPipeline,
} from '../../src/main/core/telemetry/exportPipeline';
import type { UpstreamManager, UpstreamRouter } from '../../src/main/core/upstreams/contracts';
import { TELEMETRY_WORKER_SOURCE } from '../support/workers';
import { median, round } from './stats';

export interface TelemetryPathCpu {
  /** CPU per call of the wrapped handler, all threads (the export worker's too), µs (median of the rounds). */
  off_us_per_call: number;
  on_us_per_call: number;
  overhead_us_per_call: number;
  /** The same, the proxy's own thread only (Linux /proc; null elsewhere). */
  main_thread_off_us_per_call: number | null;
  main_thread_on_us_per_call: number | null;
  main_thread_overhead_us_per_call: number | null;
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
  const run = async (n: number): Promise<[all: number, main: number | null]> => {
    const before = process.cpuUsage();
    const mainBefore = mainThreadCpuUs();
    for (let i = 0; i < n; i++) {
      const controller = new AbortController();
      await handler(
        { name: 'everything__echo', arguments: { message: `bench ${i}` } },
        { signal: controller.signal, requestId: i, sendNotification: async () => undefined },
        who,
      );
      // As on a server, the next request is a new turn of the event loop (deferred work runs).
      await new Promise((done) => setImmediate(done));
    }
    // The span work still waiting for its group (afterResponse.ts) is this round's: count it.
    drainAfterResponse();
    const used = process.cpuUsage(before);
    const mainAfter = mainThreadCpuUs();
    return [
      (used.user + used.system) / n,
      mainBefore === null || mainAfter === null ? null : (mainAfter - mainBefore) / n,
    ];
  };
  const samples = { off: [] as number[], on: [] as number[] };
  const mainSamples = { off: [] as number[], on: [] as number[] };
  let hasMain = true;
  current = pipeline;
  await run(2000);
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      current = which === 'on' ? pipeline : null;
      const [all, main] = await run(callsPerRound);
      samples[which].push(all);
      if (main === null) hasMain = false;
      else mainSamples[which].push(main);
    }
  }
  current = pipeline;
  await pipeline.flush();
  await pipeline.shutdown();
  collector.closeAllConnections();
  await new Promise<void>((done) => collector.close(() => done()));
  const off = round(median(samples.off), 1);
  const on = round(median(samples.on), 1);
  const mainOff = hasMain ? round(median(mainSamples.off), 1) : null;
  const mainOn = hasMain ? round(median(mainSamples.on), 1) : null;
  return {
    off_us_per_call: off,
    on_us_per_call: on,
    overhead_us_per_call: round(on - off, 1),
    main_thread_off_us_per_call: mainOff,
    main_thread_on_us_per_call: mainOn,
    main_thread_overhead_us_per_call:
      mainOff === null || mainOn === null ? null : round(mainOn - mainOff, 1),
  };
}

/** This process's main thread's CPU (utime + stime of /proc/self/task/<pid>), µs; 10 ms ticks. */
function mainThreadCpuUs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
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

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const callsPerRound = Number(process.env.BENCH_CALLS ?? 5000);
  process.stdout.write(
    `${JSON.stringify(await measureTelemetryPathCpu({ callsPerRound }), null, 2)}\n`,
  );
}
