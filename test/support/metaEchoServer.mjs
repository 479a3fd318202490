// A stdio MCP server for the telemetry tests: its `meta` tool answers with the `params._meta` it
// received (so a test sees what Switchboard passed upstream), `fail` answers with isError, `add`
// adds.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const server = new Server({ name: 'meta-echo', version: '1.0.0' }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, () => ({
  tools: [
    { name: 'meta', description: 'Echoes params._meta', inputSchema: { type: 'object' } },
    { name: 'fail', description: 'Always isError', inputSchema: { type: 'object' } },
    { name: 'add', description: 'Adds a and b', inputSchema: { type: 'object' } },
  ],
}));
server.setRequestHandler(CallToolRequestSchema, (request) => {
  if (request.params.name === 'add') {
    const { a, b } = request.params.arguments ?? {};
    return { content: [{ type: 'text', text: String(Number(a) + Number(b)) }] };
  }
  if (request.params.name === 'fail')
    return { isError: true, content: [{ type: 'text', text: 'it failed' }] };
  return {
    content: [{ type: 'text', text: JSON.stringify(request.params._meta ?? null) }],
  };
});
await server.connect(new StdioServerTransport());
