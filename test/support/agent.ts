import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createPerRequestAbortFetch } from '../../src/main/core/upstreams';

/** A real SDK client connected to Switchboard's `/mcp` with an MCP token, as an agent would be. */
export async function connectAgent(
  mcpUrl: string,
  token: string,
  name = 'test-agent',
): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
      // The SDK's shared abort signal piles up listeners past ~1,500 calls per client.
      fetch: createPerRequestAbortFetch(),
    }),
  );
  return client;
}

/** The text of a tool result's content items, joined by newlines. */
export function resultText(result: Record<string, unknown>): string {
  const items = Array.isArray(result.content)
    ? (result.content as { type?: string; text?: string }[])
    : [];
  return items
    .filter((item) => item.type === 'text')
    .map((item) => item.text ?? '')
    .join('\n');
}
