#!/usr/bin/env node
/**
 * A real stdio MCP server whose tools come from a JSON file (argv[2]):
 * `{"tools": [{"name", "description", "inputSchema", ...}]}`. The file is read at start and on
 * SIGUSR2, which also sends notifications/tools/list_changed, so a test can change a tool's
 * definition across a restart or during a session. A call answers `called <tool> <arguments>`.
 */
import { readFileSync } from 'node:fs';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: pinnedToolsServer.mjs TOOLS.json\n');
  process.exit(2);
}
const readTools = () => JSON.parse(readFileSync(file, 'utf8')).tools;
let tools = readTools();

const server = new Server(
  { name: 'pinned-tools', version: '1.0.0' },
  { capabilities: { tools: { listChanged: true } } },
);
server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
server.setRequestHandler(CallToolRequestSchema, (request) => {
  const { name, arguments: args } = request.params;
  if (!tools.some((tool) => tool.name === name)) {
    return { isError: true, content: [{ type: 'text', text: `no tool ${name}` }] };
  }
  return { content: [{ type: 'text', text: `called ${name} ${JSON.stringify(args ?? {})}` }] };
});
process.on('SIGUSR2', () => {
  tools = readTools();
  void server.sendToolListChanged();
});
await server.connect(new StdioServerTransport());
