/**
 * The load of the UI stream bench: agents that open a real MCP session (the SDK client does the
 * handshake) and then post each `tools/call` as one plain JSON-RPC request over a keep-alive
 * `node:http` connection. The SDK client over fetch spends about 0.9 ms of CPU per call; on a
 * 2-core machine that shares the CPU with the proxy and the browser under test, that alone kept
 * the stream under 1,000 calls/s.
 */
import { Agent, request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface LoadAgent {
  /** The SDK client's call shape; throws unless the tool answered without error. */
  callTool(call: { name: string; arguments: Record<string, unknown> }): Promise<void>;
  close(): Promise<void>;
}

interface JsonRpcAnswer {
  id?: unknown;
  result?: { isError?: boolean; content?: { text?: string }[] };
  error?: { message?: string };
}

/** The answer with `id` from a JSON body or an SSE stream (the SDK path answers with one). */
function answerOf(contentType: string, body: string, id: number): JsonRpcAnswer | undefined {
  if (contentType.includes('application/json')) return JSON.parse(body) as JsonRpcAnswer;
  for (const line of body.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const message = JSON.parse(line.slice(5)) as JsonRpcAnswer;
    if (message.id === id) return message;
  }
  return undefined;
}

export async function connectLoadAgent(
  mcpUrl: string,
  token: string,
  name: string,
): Promise<LoadAgent> {
  const client = new Client({ name, version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  const sessionId = transport.sessionId;
  if (!sessionId) throw new Error(`${mcpUrl}: the MCP session has no Mcp-Session-Id`);
  const headers = {
    Authorization: `Bearer ${token}`,
    Accept: 'application/json, text/event-stream',
    'Content-Type': 'application/json',
    'Mcp-Session-Id': sessionId,
    'Mcp-Protocol-Version': transport.protocolVersion ?? '2025-06-18',
  };
  let nextId = 1;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(mcpUrl);

  const post = (body: string): Promise<{ status: number; type: string; text: string }> =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', text }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  return {
    async callTool({ name: toolName, arguments: args }) {
      const id = nextId++;
      const { status, type, text } = await post(
        JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: toolName, arguments: args },
        }),
      );
      const answer = answerOf(type, text, id);
      if (status !== 200 || !answer || answer.error || answer.result?.isError) {
        const why = answer?.error?.message ?? answer?.result?.content?.[0]?.text ?? text;
        throw new Error(`${toolName}: HTTP ${status}, ${why.slice(0, 200)}`);
      }
    },
    async close() {
      agent.destroy();
      await client.close();
    },
  };
}
