/**
 * The proxy side of proxyOverhead.bench.ts, in its own process as in real use: the real gateway,
 * record queue and SQLite file, with server-everything over stdio upstream. Beside it, on another
 * port, a bare SDK Server with the same Streamable HTTP transport that answers `echo` itself: the
 * floor any Streamable HTTP proxy pays, so the bench can say which part of the overhead is ours.
 * Prints one JSON line `{"mcpUrl","floorUrl","token"}` when ready; runs until stdin closes.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { everythingStdio, startProxy } from '../integration/proxyHarness';

const proxy = await startProxy({ servers: [everythingStdio()] });

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

process.stdout.write(`${JSON.stringify({ mcpUrl: proxy.mcpUrl, floorUrl, token: proxy.token })}\n`);
process.stdin.resume();
process.stdin.once('end', () => {
  void proxy.records().then(async (records) => {
    process.stderr.write(
      `bench proxy: ${records.filter((r) => r.type === 'tool_call').length} tool_call records\n`,
    );
    floor.closeAllConnections();
    floor.close();
    await proxy.close();
    process.exit(0);
  });
});
