/**
 * Proxy overhead (`npx tsx test/bench/proxyOverhead.bench.ts [--cpu-prof]`): sequential `echo`
 * calls to server-everything
 *   (a) direct: an SDK client over stdio,
 *   (b) proxied: through the gateway over Streamable HTTP with recording on (real queue into a
 *       real SQLite file; the proxy runs in its own process, as in real use),
 *   (c) floor: the same SDK Streamable HTTP transport in the same process answering echo itself,
 *       which any Streamable HTTP proxy pays before doing anything,
 *   (d) minimal: a do-nothing Node proxy (plain node:http relaying JSON-RPC lines to its own
 *       server-everything, no SDK, auth, policy or record): the price of the HTTP hop alone,
 *   (e) unpinned: (b) through a second gateway in the same process with tool_pinning "off"
 *       ((b) runs the default, "block"): what tool pinning adds to a call,
 * alternated in rounds so machine noise hits all alike; then throughput of (b) with 8 and 32
 * concurrent sessions. Targets: +1.0 ms at p50, +4 ms at p99, >= 1,800 calls/s at 8 sessions.
 * The proxy's CPU per call is read from /proc, since wall time on a shared machine varies.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
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

export interface LatencySummary {
  p50_ms: number;
  p99_ms: number;
  calls: number;
}

export interface ProxyOverheadResult {
  sequential: {
    direct: LatencySummary;
    proxied: LatencySummary;
    floor: LatencySummary;
    minimal: LatencySummary;
    /** (b) again through a second gateway with tool_pinning "off" (b runs the default, "block"). */
    unpinned: LatencySummary;
    /** proxied - unpinned: what tool pinning adds to a call (SPEC 11). */
    pinning_p50_ms: number;
    pinning_p99_ms: number;
    /** proxied - direct: what an agent sees (targets +1.0 ms p50, +4 ms p99). */
    overhead_p50_ms: number;
    overhead_p99_ms: number;
    /** proxied - floor: Switchboard's own share, beyond the SDK's HTTP transport. */
    switchboard_p50_ms: number;
    switchboard_p99_ms: number;
    /** minimal - direct: what any Node HTTP proxy in front of a stdio server adds here. */
    minimal_overhead_p50_ms: number;
    minimal_overhead_p99_ms: number;
    /** CPU the proxy process spent per sequential call (user + system). */
    proxy_cpu_ms_per_call: number | null;
    floor_cpu_ms_per_call: number | null;
    minimal_cpu_ms_per_call: number | null;
    unpinned_cpu_ms_per_call: number | null;
  };
  throughput: {
    sessions: number;
    calls: number;
    seconds: number;
    calls_per_s: number;
    proxy_cpu_ms_per_call: number | null;
    /** CPU this process (the agents' SDK clients) spent per call: it shares the cores too. */
    agents_cpu_ms_per_call: number;
  }[];
  /** 1-minute load average at the end, on a machine of `cpus` cores shared with other work. */
  load_average: number;
}

const SERVER_SCRIPT = resolve(import.meta.dirname, 'proxyOverheadServer.ts');
const TOOL = {
  proxied: 'everything__echo',
  unpinned: 'everything__echo',
  floor: 'echo',
  minimal: 'echo',
  direct: 'echo',
} as const;
type Target = keyof typeof TOOL;

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
  const ready = await new Promise<{
    mcpUrl: string;
    unpinnedUrl: string;
    unpinnedToken: string;
    floorUrl: string;
    minimalUrl: string;
    token: string;
  }>((done, fail) => {
    proxy.once('exit', (code) => fail(new Error(`bench proxy exited with ${code}`)));
    createInterface({ input: proxy.stdout }).once('line', (line) => done(JSON.parse(line)));
  });

  const entry = everythingStdioEntry();
  const direct = new Client({ name: 'bench-direct', version: '1' });
  await direct.connect(
    new StdioClientTransport({ command: entry.command, args: entry.args, stderr: 'ignore' }),
  );
  const connectHttp = async (url: string, token = ready.token): Promise<Client> => {
    const client = new Client({ name: 'bench-agent', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
        // A well-behaved agent: the SDK's shared abort signal slows every request as listeners pile up.
        fetch: createPerRequestAbortFetch(),
      }),
    );
    return client;
  };
  const clients: Record<Target, Client> = {
    direct,
    proxied: await connectHttp(ready.mcpUrl),
    unpinned: await connectHttp(ready.unpinnedUrl, ready.unpinnedToken),
    floor: await connectHttp(ready.floorUrl),
    minimal: await connectHttp(ready.minimalUrl),
  };

  const timeCalls = async (
    target: Target,
    client: Client,
    n: number,
    into: number[],
  ): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await client.callTool({ name: TOOL[target], arguments: { message: `bench ${i}` } });
      into.push(performance.now() - t0);
    }
  };

  // Warm up every path (JIT, connections) before measuring.
  for (const target of ['direct', 'proxied', 'unpinned', 'floor', 'minimal'] as const)
    await timeCalls(target, clients[target], 300, []);

  const samples: Record<Target, number[]> = {
    direct: [],
    proxied: [],
    unpinned: [],
    floor: [],
    minimal: [],
  };
  const cpu = { proxied: 0, unpinned: 0, floor: 0, minimal: 0 };
  const perRound = Math.ceil(sequentialCalls / rounds);
  const orders: Target[][] = [
    ['direct', 'proxied', 'unpinned', 'minimal', 'floor'],
    ['floor', 'minimal', 'unpinned', 'proxied', 'direct'],
    ['unpinned', 'proxied', 'direct', 'floor', 'minimal'],
    ['minimal', 'floor', 'direct', 'proxied', 'unpinned'],
  ];
  for (let r = 0; r < rounds; r++) {
    for (const target of orders[r % orders.length] ?? []) {
      const before = processCpuMs(proxy.pid);
      await timeCalls(target, clients[target], perRound, samples[target]);
      const after = processCpuMs(proxy.pid);
      if (target !== 'direct' && before !== null && after !== null) cpu[target] += after - before;
    }
  }
  const stats = (target: Target): LatencySummary => {
    const s = summarize(samples[target]);
    return { p50_ms: round(s.p50), p99_ms: round(s.p99), calls: s.n };
  };
  const [d, p, f, m] = [stats('direct'), stats('proxied'), stats('floor'), stats('minimal')];
  const u = stats('unpinned');
  const hasCpu = processCpuMs(proxy.pid) !== null;

  const throughput: ProxyOverheadResult['throughput'] = [];
  for (const sessions of sessionCounts) {
    const agents = await Promise.all(
      Array.from({ length: sessions }, () => connectHttp(ready.mcpUrl)),
    );
    await Promise.all(agents.map((client) => timeCalls('proxied', client, 20, [])));
    const cpu0 = processCpuMs(proxy.pid);
    const agentsCpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(agents.map((client) => timeCalls('proxied', client, callsPerSession, [])));
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = processCpuMs(proxy.pid);
    const agentsCpu = process.cpuUsage(agentsCpu0);
    const calls = sessions * callsPerSession;
    throughput.push({
      sessions,
      calls,
      seconds: round(seconds),
      calls_per_s: Math.round(calls / seconds),
      proxy_cpu_ms_per_call: cpu0 === null || cpu1 === null ? null : round((cpu1 - cpu0) / calls),
      agents_cpu_ms_per_call: round((agentsCpu.user + agentsCpu.system) / 1000 / calls),
    });
    await Promise.all(agents.map((client) => client.close()));
  }

  await Promise.all(Object.values(clients).map((client) => client.close()));
  const exited = new Promise<void>((done) => proxy.once('exit', () => done()));
  proxy.stdin.end();
  await exited;

  return {
    sequential: {
      direct: d,
      proxied: p,
      floor: f,
      minimal: m,
      unpinned: u,
      pinning_p50_ms: round(p.p50_ms - u.p50_ms),
      pinning_p99_ms: round(p.p99_ms - u.p99_ms),
      overhead_p50_ms: round(p.p50_ms - d.p50_ms),
      overhead_p99_ms: round(p.p99_ms - d.p99_ms),
      switchboard_p50_ms: round(p.p50_ms - f.p50_ms),
      switchboard_p99_ms: round(p.p99_ms - f.p99_ms),
      minimal_overhead_p50_ms: round(m.p50_ms - d.p50_ms),
      minimal_overhead_p99_ms: round(m.p99_ms - d.p99_ms),
      proxy_cpu_ms_per_call: hasCpu ? round(cpu.proxied / p.calls) : null,
      floor_cpu_ms_per_call: hasCpu ? round(cpu.floor / f.calls) : null,
      minimal_cpu_ms_per_call: hasCpu ? round(cpu.minimal / m.calls) : null,
      unpinned_cpu_ms_per_call: hasCpu ? round(cpu.unpinned / u.calls) : null,
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
    // After "pid (comm) ", utime and stime are the 12th and 13th fields; 100 ticks per second.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const profileDir = process.argv.includes('--cpu-prof')
    ? join(tmpdir(), 'switchboard-proxy-profile')
    : null;
  const result = await runProxyOverheadBench(
    profileDir ? { proxyNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {},
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (profileDir) process.stderr.write(`proxy CPU profile written to ${profileDir}\n`);
}
