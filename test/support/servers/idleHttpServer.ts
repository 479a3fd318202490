/**
 * A real Streamable HTTP MCP server on 127.0.0.1 that stays quiet: one tool, `ping`, and a GET
 * listening stream on which it never sends anything. It counts what its clients do, so a test
 * can wait for the listening stream to be reopened and check that no new session was started.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export interface IdleHttpServer {
  url: string;
  /** initialize requests received (one per session a client started). */
  initializes: number;
  /** Resolves once `count` GET listening streams have been opened in total. */
  listeningStreams(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startIdleHttpServer(): Promise<IdleHttpServer> {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  let gets = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const state = { initializes: 0 };

  const http = createServer((req, res) => {
    void (async () => {
      const sessionId = req.headers['mcp-session-id'];
      let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
      if (req.method === 'GET') {
        gets++;
        for (const waiter of waiters.filter((w) => gets >= w.count)) waiter.resolve();
      }
      if (!transport) {
        if (req.method !== 'POST' || !(await isInitialize(req, state))) {
          res.writeHead(404).end();
          return;
        }
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: randomUUID,
          onsessioninitialized: (id) => void transports.set(id, created),
        });
        const server = new McpServer({ name: 'idle', version: '1.0.0' });
        server.registerTool('ping', { description: 'Answers pong.' }, () => ({
          content: [{ type: 'text', text: 'pong' }],
        }));
        await server.connect(created);
        transport = created;
      }
      await transport.handleRequest(req, res, (req as IncomingMessage & { body?: unknown }).body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/mcp`,
    get initializes() {
      return state.initializes;
    },
    listeningStreams(count) {
      if (gets >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      await Promise.all([...transports.values()].map((t) => t.close()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Reads the body (kept on `req.body` for the transport) and says whether it is an initialize. */
async function isInitialize(
  req: IncomingMessage & { body?: unknown },
  state: { initializes: number },
): Promise<boolean> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  req.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  const initializes = (req.body as { method?: unknown }).method === 'initialize';
  if (initializes) state.initializes++;
  return initializes;
}
