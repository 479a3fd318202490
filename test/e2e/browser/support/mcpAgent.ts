/** A real MCP agent: the SDK client over Streamable HTTP, authenticated with a Switchboard token. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { SwitchboardInstance } from './switchboardProcess';

export interface McpAgent {
  tokenId: string;
  tokenName: string;
  call(tool: string, args: Record<string, unknown>): Promise<{ isError: boolean; text: string }>;
  close(): Promise<void>;
}

export async function connectAgent(
  instance: SwitchboardInstance,
  tokenName: string,
): Promise<McpAgent> {
  const created = await instance.api<{ id: string; token: string }>(
    'POST',
    '/api/v1/settings/mcp-tokens',
    {
      name: tokenName,
    },
  );
  const client = new Client({
    name: `e2e-${tokenName.toLowerCase().replace(/\W+/g, '-')}`,
    version: '1.0.0',
  });
  const transport = new StreamableHTTPClientTransport(new URL(instance.mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${created.token}` } },
  });
  await client.connect(transport);
  return {
    tokenId: created.id,
    tokenName,
    async call(tool, args) {
      const result = await client.callTool({ name: tool, arguments: args });
      const content = (result.content ?? []) as { type: string; text?: string }[];
      return {
        isError: result.isError === true,
        text: content.map((item) => item.text ?? '').join('\n'),
      };
    },
    close: () => client.close(),
  };
}
