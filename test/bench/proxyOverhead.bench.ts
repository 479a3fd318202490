/**
 * Proxy overhead (`npx tsx test/bench/proxyOverhead.bench.ts`): sequential `echo` calls to
 * server-everything (a) direct over stdio with an SDK client and (b) through the gateway over
 * Streamable HTTP with recording on (real queue into a real SQLite file, proxy in its own
 * process), alternated in rounds so machine noise hits both alike; then throughput with 8 and 32
 * concurrent sessions. Targets: +1.0 ms at p50, +4 ms at p99, >= 1,800 calls/s at 8 sessions.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createPerRequestAbortFetch } from '../../src/main/core/upstreams';
import { everythingStdioEntry } from '../support/mcpServers';
import { round, summarize } from './stats';

export interface ProxyOverheadOptions {
  sequentialCalls?: number;
  rounds?: number;
  callsPerSession?: number;
  sessionCounts?: number[];
  /** Extra node flags for the proxy process, e.g. ['--cpu-prof'] to profile it. */
  proxyNodeArgs?: string[];
}

export interface ProxyOverheadResult {
  sequential: {
    direct: { p50_ms: number; p99_ms: number; calls: number };
    proxied: { p50_ms: number; p99_ms: number; calls: number };
    overhead_p50_ms: number;
    overhead_p99_ms: number;
  };
  throughput: {
    sessions: number;
    calls: number;
    seconds: number;
    calls_per_s: number;
    /** CPU the proxy process spent per call (user + system), independent of machine load. */
    proxy_cpu_ms_per_call: number | null;
  }[];
  /** Load average (1 min) when the run ended: the machine is shared, so read the numbers with it. */
  load_average: number;
}

const SERVER_SCRIPT = resolve(import.meta.dirname, 'proxyOverheadServer.ts');

export async function runProxyOverheadBench(
  options: ProxyOverheadOptions = {},
): Promise<ProxyOverheadResult> {
  const sequentialCalls = options.sequentialCalls ?? 2000;
  const rounds = options.rounds ?? 10;
  const callsPerSession = options.callsPerSession ?? 500;
  const sessionCounts = options.sessionCounts ?? [8, 32];

  const proxy = spawn(
    process.execPath,
    [...(options.proxyNodeArgs ?? []), '--import', 'tsx', SERVER_SCRIPT],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const ready = await new Promise<{ mcpUrl: string; token: string }>((done, fail) => {
    proxy.once('exit', (code) => fail(new Error(`bench proxy exited with ${code}`)));
    createInterface({ input: proxy.stdout }).once('line', (line) =>
      done(JSON.parse(line) as { mcpUrl: string; token: string }),
    );
  });

  const entry = everythingStdioEntry();
  const direct = new Client({ name: 'bench-direct', version: '1' });
  await direct.connect(
    new StdioClientTransport({ command: entry.command, args: entry.args, stderr: 'ignore' }),
  );
  const connectProxied = async (): Promise<Client> => {
    const client = new Client({ name: 'bench-proxied', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(ready.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${ready.token}` } },
        // A well-behaved agent: the SDK's shared abort signal slows every request as listeners pile up.
        fetch: createPerRequestAbortFetch(),
      }),
    );
    return client;
  };
  const proxied = await connectProxied();

  const timeCalls = async (
    client: Client,
    tool: string,
    n: number,
    into: number[],
  ): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await client.callTool({ name: tool, arguments: { message: `bench ${i}` } });
      into.push(performance.now() - t0);
    }
  };

  // Warm up both paths (JIT, connections) before measuring.
  await timeCalls(direct, 'echo', 200, []);
  await timeCalls(proxied, 'everything__echo', 200, []);

  const directSamples: number[] = [];
  const proxiedSamples: number[] = [];
  const perRound = Math.ceil(sequentialCalls / rounds);
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      await timeCalls(direct, 'echo', perRound, directSamples);
      await timeCalls(proxied, 'everything__echo', perRound, proxiedSamples);
    } else {
      await timeCalls(proxied, 'everything__echo', perRound, proxiedSamples);
      await timeCalls(direct, 'echo', perRound, directSamples);
    }
  }
  const d = summarize(directSamples);
  const p = summarize(proxiedSamples);

  const throughput: ProxyOverheadResult['throughput'] = [];
  for (const sessions of sessionCounts) {
    const clients = await Promise.all(Array.from({ length: sessions }, () => connectProxied()));
    await Promise.all(clients.map((client) => timeCalls(client, 'everything__echo', 20, [])));
    const cpu0 = processCpuMs(proxy.pid);
    const t0 = performance.now();
    await Promise.all(
      clients.map((client) => timeCalls(client, 'everything__echo', callsPerSession, [])),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = processCpuMs(proxy.pid);
    const calls = sessions * callsPerSession;
    throughput.push({
      sessions,
      calls,
      seconds: round(seconds),
      calls_per_s: Math.round(calls / seconds),
      proxy_cpu_ms_per_call: cpu0 === null || cpu1 === null ? null : round((cpu1 - cpu0) / calls),
    });
    await Promise.all(clients.map((client) => client.close()));
  }

  await direct.close();
  await proxied.close();
  const closed = new Promise<void>((done) => proxy.once('exit', () => done()));
  proxy.stdin.end();
  await closed;

  return {
    sequential: {
      direct: { p50_ms: round(d.p50), p99_ms: round(d.p99), calls: d.n },
      proxied: { p50_ms: round(p.p50), p99_ms: round(p.p99), calls: p.n },
      overhead_p50_ms: round(p.p50 - d.p50),
      overhead_p99_ms: round(p.p99 - d.p99),
    },
    throughput,
    load_average: round(loadavg()[0] ?? 0, 2),
  };
}

/** utime + stime of a process from /proc (Linux), in ms; null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted from after the command name; 100 ticks/s.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const profile = process.argv.includes('--cpu-prof');
  const result = await runProxyOverheadBench(
    profile ? { proxyNodeArgs: ['--cpu-prof', '--cpu-prof-dir=/tmp/h3/prof'] } : {},
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
