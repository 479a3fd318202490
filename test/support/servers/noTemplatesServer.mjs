/**
 * A stdio MCP server that declares resources but implements only resources/list (and a tool):
 * resources/templates/list answers "method not found", as several real servers do.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

const server = new Server(
  { name: 'no-templates', version: '1.0.0' },
  { capabilities: { tools: {}, resources: {}, prompts: {} } },
);

server.setRequestHandler(ListToolsRequestSchema, () => ({
  tools: [{ name: 'ping', inputSchema: { type: 'object' } }],
}));
server.setRequestHandler(CallToolRequestSchema, () => ({
  content: [{ type: 'text', text: 'pong' }],
}));
server.setRequestHandler(ListResourcesRequestSchema, () => ({
  resources: [{ uri: 'memo://one', name: 'one' }],
}));

await server.connect(new StdioServerTransport());
