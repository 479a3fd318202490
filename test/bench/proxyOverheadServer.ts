/**
 * The proxy side of proxyOverhead.bench.ts, in its own process as in real use: the real gateway,
 * record queue and SQLite file (committed by the recorder worker, as `serve` does), with
 * server-everything over stdio upstream. Beside it, on another port, a bare SDK Server with the
 * same Streamable HTTP transport that answers `echo` itself: the floor any Streamable HTTP proxy
 * pays, so the bench can say which part of the overhead is ours.
 * On a third port, the least a Node proxy can do: plain node:http in front of its own
 * server-everything over stdio, relaying JSON-RPC lines with no SDK, auth, policy or record. What
 * it adds over direct is the price of the HTTP hop itself on this machine.
 * A second gateway, the same but with tool_pinning "off", sets what pinning costs a call.
 * Prints one JSON line `{"mcpUrl","unpinnedUrl","unpinnedToken","floorUrl","minimalUrl","token"}`
 * when ready; runs until stdin
 * closes.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { everythingStdio, startProxy } from '../integration/proxyHarness';
import { everythingStdioEntry } from '../support/mcpServers';
import { RECORDER_WORKER_SOURCE } from '../support/workers';

// The record writer in its worker thread, as `switchboard serve` runs it. Tool pinning on, in
// its default mode ("block"), as a new install runs.
const proxy = await startProxy({
  servers: [everythingStdio()],
  recorderWorker: RECORDER_WORKER_SOURCE,
  toolPins: true,
});
// The same proxy with tool_pinning "off": the difference is what pinning costs a call.
const unpinned = await startProxy({
  servers: [everythingStdio()],
  recorderWorker: RECORDER_WORKER_SOURCE,
  toolPins: true,
  settings: { tool_pinning: 'off' },
});

const floorSessions = new Map<string, StreamableHTTPServerTransport>();
const floor = createServer((req, res) => {
  void (async () => {
    const id = req.headers['mcp-session-id'];
    let transport = typeof id === 'string' ? floorSessions.get(id) : undefined;
    if (!transport) {
      const server = new Server({ name: 'floor', version: '1' }, { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
      server.setRequestHandler(CallToolRequestSchema, (request) => ({
        content: [{ type: 'text', text: `Echo: ${String(request.params.arguments?.message)}` }],
      }));
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => void floorSessions.set(sessionId, created),
      });
      await server.connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res);
  })();
});
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/mcp`;

const minimal = await startMinimalProxy();

process.stdout.write(
  `${JSON.stringify({ mcpUrl: proxy.mcpUrl, unpinnedUrl: unpinned.mcpUrl, unpinnedToken: unpinned.token, floorUrl, minimalUrl: minimal.url, token: proxy.token })}\n`,
);
process.stdin.resume();
process.stdin.once('end', () => {
  void proxy.records().then(async (records) => {
    process.stderr.write(
      `bench proxy: ${records.filter((r) => r.type === 'tool_call').length} tool_call records\n`,
    );
    floor.closeAllConnections();
    floor.close();
    minimal.close();
    await unpinned.close();
    await proxy.close();
    process.exit(0);
  });
});

/** The do-nothing forwarder: one upstream child, JSON-RPC ids mapped to waiting HTTP answers. */
async function startMinimalProxy(): Promise<{ url: string; close(): void }> {
  const entry = everythingStdioEntry();
  const child = spawn(entry.command, entry.args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting = new Map<number, (result: string) => void>();
  let nextId = 0;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { id?: number; result?: unknown };
    const answer = message.id === undefined ? undefined : waiting.get(message.id);
    if (!answer || message.id === undefined) return;
    waiting.delete(message.id);
    answer(JSON.stringify(message.result));
  });
  const upstream = (method: string, params: unknown): Promise<string> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  await upstream('initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'minimal-proxy', version: '1' },
  });
  child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);

  const answer = async (res: ServerResponse, raw: string): Promise<void> => {
    const message = JSON.parse(raw) as { id?: number | string; method: string; params?: unknown };
    if (message.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    const result =
      message.method === 'initialize'
        ? JSON.stringify({
            protocolVersion: (message.params as { protocolVersion: string }).protocolVersion,
            capabilities: { tools: {} },
            serverInfo: { name: 'minimal-proxy', version: '1' },
          })
        : await upstream(message.method, message.params);
    const body = `{"result":${result},"jsonrpc":"2.0","id":${JSON.stringify(message.id)}}`;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'mcp-session-id': 'minimal',
    });
    res.end(body);
  };
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void answer(res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    close() {
      server.closeAllConnections();
      server.close();
      child.kill();
    },
  };
}
