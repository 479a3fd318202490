/**
 * A stdio MCP server that, like some real servers, matches tool names loosely: case-insensitively
 * and ignoring spaces. It lists one tool, `touch`, and runs it under any spelling, answering with
 * the name it was called by. Switchboard must never let such a spelling reach it (SPEC 3).
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const server = new Server(
  { name: 'case-insensitive', version: '1.0.0' },
  { capabilities: { tools: {} } },
);

server.setRequestHandler(ListToolsRequestSchema, () => ({
  tools: [{ name: 'touch', description: 'Touches a file.', inputSchema: { type: 'object' } }],
}));

server.setRequestHandler(CallToolRequestSchema, (request) => {
  const loose = request.params.name.toLowerCase().replace(/\s+/g, '');
  if (loose !== 'touch') {
    return { isError: true, content: [{ type: 'text', text: `no tool ${request.params.name}` }] };
  }
  return { content: [{ type: 'text', text: `touched by ${JSON.stringify(request.params.name)}` }] };
});

await server.connect(new StdioServerTransport());
