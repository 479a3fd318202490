/**
 * Telemetry overhead (`npx tsx test/bench/telemetryOverhead.bench.ts`): sequential `echo` calls
 * through two Switchboard gateways in their own processes, one with telemetry off and one
 * exporting every call's SERVER and CLIENT spans (and the duration metrics) over OTLP/HTTP to a
 * collector on 127.0.0.1 that accepts everything, alternated in rounds so machine noise hits both
 * alike. Target (SPEC 13, issue 16): telemetry on adds at most 0.1 ms at p50. The collector here
 * does not decode: its cost is the collector's, not the proxy's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { TelemetryStatus } from '../../src/shared/telemetry';
import { createPerRequestAbortFetch } from '../../src/main/core/upstreams';
import { round, summarize } from './stats';
import { measureTelemetryPathCpu } from './telemetryPathCpu';
import { summarizeTelemetryRuns, type TelemetryOverheadSummary } from './telemetryReport';

export interface TelemetryOverheadOptions {
  sequentialCalls?: number;
  rounds?: number;
  /** Extra node flags for both proxy processes, e.g. ['--cpu-prof'] to profile them. */
  proxyNodeArgs?: string[];
}

export interface LatencyAndCpu {
  p50_ms: number;
  p99_ms: number;
  calls: number;
  /** CPU the proxy process spent per call (user + system, from /proc): steadier than wall time on a busy machine. */
  proxy_cpu_ms_per_call: number | null;
  /** The same, the proxy's main thread only (where requests are served; telemetry's export runs in a worker). */
  proxy_main_thread_cpu_ms_per_call: number | null;
}

export interface TelemetryOverheadResult {
  off: LatencyAndCpu;
  on: LatencyAndCpu;
  /** on - off (target: at most +0.1 ms at p50). */
  overhead_p50_ms: number;
  overhead_p99_ms: number;
  overhead_cpu_ms_per_call: number | null;
  /**
   * The telemetry-on proxy's export worker thread (`swb-otel`), from the first timed round to the
   * last, per timed call: it runs at nice 19 and on its own schedule, so part of its CPU falls in
   * the other proxy's rounds, where the per-round figures above do not see it.
   */
  export_thread_cpu_ms_per_call: number | null;
  /** What the telemetry-on proxy's exporter reported at the end. */
  exporter: TelemetryStatus;
  /** OTLP requests the collector received (traces and metrics). */
  collector_requests: number;
  load_average: number;
}

const SERVER_SCRIPT = resolve(import.meta.dirname, 'telemetryOverheadServer.ts');

interface BenchProxy {
  child: ChildProcess;
  lines: Interface;
  client: Client;
}

async function startBenchProxy(args: string[], nodeArgs: string[]): Promise<BenchProxy> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVER_SCRIPT, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ mcpUrl: string; token: string }>((done, fail) => {
    child.once('exit', (code) => fail(new Error(`bench proxy exited with ${code}`)));
    lines.once('line', (line) => done(JSON.parse(line) as { mcpUrl: string; token: string }));
  });
  const client = new Client({ name: 'bench-agent', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(ready.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${ready.token}` } },
      fetch: createPerRequestAbortFetch(),
    }),
  );
  return { child, lines, client };
}

async function stopBenchProxy(proxy: BenchProxy): Promise<string> {
  await proxy.client.close();
  const last = new Promise<string>((done) => proxy.lines.once('line', done));
  proxy.child.stdin!.end();
  return last;
}

export async function runTelemetryOverheadBench(
  options: TelemetryOverheadOptions = {},
): Promise<TelemetryOverheadResult> {
  const sequentialCalls = options.sequentialCalls ?? 4000;
  const rounds = options.rounds ?? 10;

  let collectorRequests = 0;
  const collector = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      collectorRequests++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((done) => collector.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;

  const proxies = {
    off: await startBenchProxy([], options.proxyNodeArgs ?? []),
    on: await startBenchProxy(['--otlp', endpoint], options.proxyNodeArgs ?? []),
  };
  const timeCalls = async (client: Client, n: number, into: number[]): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await client.callTool({ name: 'everything__echo', arguments: { message: `bench ${i}` } });
      into.push(performance.now() - t0);
    }
  };
  for (const proxy of Object.values(proxies)) await timeCalls(proxy.client, 500, []);

  const samples = { off: [] as number[], on: [] as number[] };
  const cpu = { off: 0, on: 0 };
  const mainCpu = { off: 0, on: 0 };
  let hasCpu = true;
  const perRound = Math.ceil(sequentialCalls / rounds);
  const exportThreadBefore = threadCpuMs(proxies.on.child.pid, 'swb-otel');
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
    for (const which of order) {
      const before = processCpuMs(proxies[which].child.pid);
      const mainBefore = processCpuMs(proxies[which].child.pid, true);
      await timeCalls(proxies[which].client, perRound, samples[which]);
      const after = processCpuMs(proxies[which].child.pid);
      const mainAfter = processCpuMs(proxies[which].child.pid, true);
      if (before === null || after === null || mainBefore === null || mainAfter === null)
        hasCpu = false;
      else {
        cpu[which] += after - before;
        mainCpu[which] += mainAfter - mainBefore;
      }
    }
  }

  const exportThreadAfter = threadCpuMs(proxies.on.child.pid, 'swb-otel');
  await stopBenchProxy(proxies.off);
  const exporter = JSON.parse(await stopBenchProxy(proxies.on)) as TelemetryStatus;
  collector.closeAllConnections();
  await new Promise<void>((done) => collector.close(() => done()));

  const stats = (which: 'off' | 'on'): LatencyAndCpu => {
    const s = summarize(samples[which]);
    return {
      p50_ms: round(s.p50),
      p99_ms: round(s.p99),
      calls: s.n,
      proxy_cpu_ms_per_call: hasCpu ? round(cpu[which] / s.n) : null,
      proxy_main_thread_cpu_ms_per_call: hasCpu ? round(mainCpu[which] / s.n) : null,
    };
  };
  const off = stats('off');
  const on = stats('on');
  return {
    off,
    on,
    overhead_p50_ms: round(on.p50_ms - off.p50_ms),
    overhead_p99_ms: round(on.p99_ms - off.p99_ms),
    overhead_cpu_ms_per_call:
      on.proxy_cpu_ms_per_call === null || off.proxy_cpu_ms_per_call === null
        ? null
        : round(on.proxy_cpu_ms_per_call - off.proxy_cpu_ms_per_call),
    export_thread_cpu_ms_per_call:
      exportThreadBefore === null || exportThreadAfter === null
        ? null
        : round((exportThreadAfter - exportThreadBefore) / on.calls),
    exporter,
    collector_requests: collectorRequests,
    load_average: round(loadavg()[0] ?? 0, 2),
  };
}

/** `repeats` runs, each measuring off and on side by side; medians (for run.ts). */
export async function runTelemetryOverheadRepeats(
  repeats: number,
  options: TelemetryOverheadOptions = {},
): Promise<TelemetryOverheadSummary> {
  const results: TelemetryOverheadResult[] = [];
  for (let i = 0; i < repeats; i++) results.push(await runTelemetryOverheadBench(options));
  return summarizeTelemetryRuns(results, await measureTelemetryPathCpu());
}

/** utime + stime of the process's thread named `name` (/proc/PID/task/TID/comm), in ms; null if none. */
function threadCpuMs(pid: number | undefined, name: string): number | null {
  if (pid === undefined) return null;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() !== name) continue;
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    }
  } catch {
    // No /proc (not Linux), or the thread ended while being read.
  }
  return null;
}

/** utime + stime of a process (or its main thread only) from /proc (Linux), in ms; null elsewhere. */
function processCpuMs(pid: number | undefined, mainThreadOnly = false): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(
      mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`,
      'utf8',
    );
    // After "pid (comm) ", utime and stime are the 12th and 13th fields; 100 ticks per second.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const calls = Number(process.env.BENCH_CALLS ?? 4000);
  const repeats = Number(process.env.BENCH_REPEATS ?? 1);
  const profileDir = process.argv.includes('--cpu-prof')
    ? join(tmpdir(), 'switchboard-telemetry-profile')
    : null;
  const options: TelemetryOverheadOptions = {
    sequentialCalls: calls,
    ...(profileDir ? { proxyNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
  };
  const result =
    repeats > 1
      ? await runTelemetryOverheadRepeats(repeats, options)
      : await runTelemetryOverheadBench(options);
  if (profileDir) process.stderr.write(`proxy CPU profiles written to ${profileDir}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
