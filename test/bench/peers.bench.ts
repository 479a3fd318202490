/**
 * Proxy overhead and throughput side by side, in one run (issue: "Prove it"):
 *   (a) direct: SDK client -> server-everything over stdio
 *   (b) switchboard: SDK client -> `switchboard serve` (Streamable HTTP, recording on) -> same server
 *   (c) mcp-proxy: SDK client -> the `mcp-proxy` npm package (no recording) -> same server
 * Sequential latency is measured in alternating rounds so machine noise hits all three alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createPerRequestAbortFetch } from '../../src/main/core/upstreams';
import { everythingStdioEntry, MCP_PROXY_BIN, SERVER_EVERYTHING } from '../support/mcpServers';
import { startServe } from '../support/serveProcess';
import { round, summarize } from './stats';

export interface PeersBenchOptions {
  sequentialCalls?: number;
  rounds?: number;
  callsPerSession?: number;
  sessionCounts?: number[];
}

type Target = 'direct' | 'switchboard' | 'mcp-proxy';

export interface LatencyRow {
  target: Target;
  p50_ms: number;
  p99_ms: number;
  calls: number;
}

export interface ThroughputRow {
  target: Exclude<Target, 'direct'>;
  sessions: number;
  calls: number;
  calls_per_s: number;
}

export interface PeersBenchResult {
  latency: LatencyRow[];
  overhead: { p50_ms: number; p99_ms: number };
  throughput: ThroughputRow[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}

async function startMcpProxy(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      MCP_PROXY_BIN,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--server',
      'stream',
      '--',
      process.execPath,
      SERVER_EVERYTHING,
      'stdio',
    ],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  const url = `http://127.0.0.1:${port}/mcp`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await fetch(url, { method: 'GET' });
      return { url, child };
    } catch {
      if (Date.now() > deadline) throw new Error('mcp-proxy did not start listening within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function httpClient(url: string, token?: string): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  // Per-request abort signals: the SDK's shared one slows a client down after ~1,500 calls.
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers },
    fetch: createPerRequestAbortFetch(),
  });
  await client.connect(transport);
  return client;
}

async function timedEchoes(
  client: Client,
  tool: string,
  calls: number,
  into: number[],
): Promise<void> {
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await client.callTool({ name: tool, arguments: { message: `m${i}` } });
    into.push(performance.now() - start);
  }
}

async function callsPerSecond(
  url: string,
  token: string | undefined,
  tool: string,
  sessions: number,
  perSession: number,
): Promise<number> {
  const clients = await Promise.all(Array.from({ length: sessions }, () => httpClient(url, token)));
  const start = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; i < perSession; i++)
        await client.callTool({ name: tool, arguments: { message: `t${i}` } });
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(clients.map((client) => client.close()));
  return (sessions * perSession) / seconds;
}

export async function runPeersBench(options: PeersBenchOptions = {}): Promise<PeersBenchResult> {
  const sequentialCalls = options.sequentialCalls ?? 2000;
  const rounds = options.rounds ?? 10;
  const perRound = Math.ceil(sequentialCalls / rounds);
  const callsPerSession = options.callsPerSession ?? 500;
  const sessionCounts = options.sessionCounts ?? [8, 32];

  const serve = await startServe({
    config: { mcpServers: { everything: everythingStdioEntry() } },
  });
  const proxy = await startMcpProxy();
  const direct = new Client({ name: 'bench', version: '1.0.0' });
  await direct.connect(
    new StdioClientTransport({ command: process.execPath, args: [SERVER_EVERYTHING, 'stdio'] }),
  );
  try {
    const token = await serve.createToken('bench');
    const paths: Record<Target, { client: Client; tool: string }> = {
      direct: { client: direct, tool: 'echo' },
      switchboard: { client: await httpClient(serve.mcpUrl, token), tool: 'everything__echo' },
      'mcp-proxy': { client: await httpClient(proxy.url), tool: 'echo' },
    };
    const targets = Object.keys(paths) as Target[];
    const samples: Record<Target, number[]> = { direct: [], switchboard: [], 'mcp-proxy': [] };
    // Warm up each path (JIT, sockets) before measuring.
    for (const target of targets)
      await timedEchoes(paths[target].client, paths[target].tool, 100, []);
    for (let r = 0; r < rounds; r++) {
      for (const target of targets)
        await timedEchoes(paths[target].client, paths[target].tool, perRound, samples[target]);
    }
    const latency = targets.map((target): LatencyRow => {
      const s = summarize(samples[target]);
      return { target, p50_ms: round(s.p50), p99_ms: round(s.p99), calls: s.n };
    });
    const row = (target: Target): LatencyRow => latency.find((r) => r.target === target)!;

    const throughput: ThroughputRow[] = [];
    for (const sessions of sessionCounts) {
      for (const target of ['switchboard', 'mcp-proxy'] as const) {
        const url = target === 'switchboard' ? serve.mcpUrl : proxy.url;
        const token_ = target === 'switchboard' ? token : undefined;
        const rate = await callsPerSecond(
          url,
          token_,
          paths[target].tool,
          sessions,
          callsPerSession,
        );
        throughput.push({
          target,
          sessions,
          calls: sessions * callsPerSession,
          calls_per_s: Math.round(rate),
        });
      }
    }
    await Promise.all([paths.switchboard.client.close(), paths['mcp-proxy'].client.close()]);
    return {
      latency,
      overhead: {
        p50_ms: round(row('switchboard').p50_ms - row('direct').p50_ms),
        p99_ms: round(row('switchboard').p99_ms - row('direct').p99_ms),
      },
      throughput,
    };
  } finally {
    await direct.close();
    proxy.child.kill();
    await serve.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void runPeersBench().then((result) => console.log(JSON.stringify(result, null, 2)));
}
