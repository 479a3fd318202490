// An upstream MCP server (stdio) with the odd tools a monitor must survive: a ~1 MB JSON array,
// a ~1 MB text, text that spoofs with bidi and control characters, and a very long tool name.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

export const LONG_TOOL_NAME =
  'summarize_every_quarterly_report_in_the_shared_finance_drive_and_email_the_board';

const server = new McpServer({ name: 'odd', version: '1.0.0' });
const text = (value) => ({ content: [{ type: 'text', text: value }] });

server.registerTool(
  'big_json',
  { description: 'About 1 MB of JSON: an array of 11,000 items' },
  () =>
    text(
      JSON.stringify(
        Array.from({ length: 11_000 }, (_, index) => ({
          id: index,
          name: `item ${index}`,
          tags: ['alpha', 'beta'],
          note: 'x'.repeat(40),
        })),
      ),
    ),
);

server.registerTool('big_text', { description: 'About 1 MB of plain text' }, () =>
  text(Array.from({ length: 20_000 }, (_, index) => `line ${index} ${'y'.repeat(40)}`).join('\n')),
);

server.registerTool(
  'spoof',
  { description: 'Echoes its arguments back as JSON', inputSchema: { value: z.string() } },
  ({ value }) => text(JSON.stringify({ file: value, שם: 'ערך' })),
);

server.registerTool(LONG_TOOL_NAME, { description: 'A tool with a very long name' }, () =>
  text('done'),
);

await server.connect(new StdioServerTransport());
