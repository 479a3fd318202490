// A stdio MCP server for the telemetry tests: its `meta` tool answers with the `params._meta` it
// received (so a test sees what Switchboard passed upstream), `fail` answers with isError, `add`
// adds. Its prompt `meta`, resource `meta://echo`, completions and subscriptions answer with the
// `_meta` they received too (a subscription through the `meta://subscribed` resource's text).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

const server = new Server(
  { name: 'meta-echo', version: '1.0.0' },
  { capabilities: { tools: {}, prompts: {}, resources: { subscribe: true }, completions: {} } },
);
const metaText = (request) => JSON.stringify(request.params._meta ?? null);
let subscribedWith = null;
server.setRequestHandler(ListPromptsRequestSchema, () => ({
  prompts: [
    { name: 'meta', description: 'Echoes params._meta', arguments: [{ name: 'topic' }] },
    { name: 'fail', description: 'Always a JSON-RPC error' },
  ],
}));
server.setRequestHandler(GetPromptRequestSchema, (request) => {
  if (request.params.name === 'fail') throw new McpError(-32602, 'this prompt always fails');
  return { messages: [{ role: 'user', content: { type: 'text', text: metaText(request) } }] };
});
server.setRequestHandler(ListResourcesRequestSchema, () => ({
  resources: [
    { uri: 'meta://echo', name: 'echo' },
    { uri: 'meta://subscribed', name: 'subscribed' },
  ],
}));
server.setRequestHandler(ReadResourceRequestSchema, (request) => ({
  contents: [
    {
      uri: request.params.uri,
      text: request.params.uri === 'meta://subscribed' ? subscribedWith : metaText(request),
    },
  ],
}));
server.setRequestHandler(CompleteRequestSchema, (request) => ({
  completion: { values: [metaText(request)] },
}));
server.setRequestHandler(SubscribeRequestSchema, (request) => {
  subscribedWith = metaText(request);
  return {};
});
server.setRequestHandler(UnsubscribeRequestSchema, () => ({}));
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
