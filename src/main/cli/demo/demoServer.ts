import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const NOTES: Record<string, string> = {
  welcome: 'Switchboard sits between your agents and their MCP servers.',
  todo: 'Try blocking a tool with a policy rule, then call it.',
  shopping: 'Coffee, oat milk, a second monitor.',
};

const WEATHER = ['sunny', 'light rain', 'overcast', 'windy', 'snow showers', 'fog'];

const text = (value: string, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: value }],
  ...(isError ? { isError: true } : {}),
});

/**
 * The stdio server `switchboard demo` drives (hidden `demo-server` command): canned answers, no
 * network, a tool that fails on request, one the demo policy blocks, and one with progress.
 */
export function createDemoServer(version: string): McpServer {
  const server = new McpServer({ name: 'switchboard-demo', version });

  server.registerTool(
    'echo',
    { description: 'Returns the text it is given.', inputSchema: { text: z.string() } },
    ({ text: value }) => text(value),
  );

  server.registerTool(
    'add',
    { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } },
    ({ a, b }) => text(String(a + b)),
  );

  server.registerTool(
    'lookup_weather',
    { description: 'Canned weather for a city (no network).', inputSchema: { city: z.string() } },
    ({ city }) => {
      const seed = [...city].reduce((sum, char) => sum + char.charCodeAt(0), 0);
      return text(`${city}: ${WEATHER[seed % WEATHER.length] ?? 'sunny'}, ${(seed % 25) + 2} °C`);
    },
  );

  server.registerTool(
    'read_note',
    { description: 'Reads a note by id.', inputSchema: { id: z.string() } },
    ({ id }) => {
      const note = NOTES[id];
      return note === undefined
        ? text(`No note "${id}". Notes: ${Object.keys(NOTES).join(', ')}`, true)
        : text(note);
    },
  );

  server.registerTool(
    'fail_sometimes',
    {
      description: 'Fails when asked to (or one call in three).',
      inputSchema: { fail: z.boolean().optional() },
    },
    ({ fail }) =>
      (fail ?? Math.random() < 1 / 3)
        ? text('The demo tool failed, as it sometimes does.', true)
        : text('Worked this time.'),
  );

  server.registerTool(
    'delete_note',
    {
      description: 'Deletes a note (the demo policy blocks this).',
      inputSchema: { id: z.string() },
    },
    ({ id }) => text(`Deleted note "${id}".`),
  );

  server.registerTool(
    'slow_task',
    {
      description: 'Takes a moment and reports progress.',
      inputSchema: { steps: z.number().int().min(1).max(20).optional() },
    },
    async ({ steps }, extra) => {
      const total = steps ?? 5;
      const progressToken = extra._meta?.progressToken;
      for (let step = 1; step <= total; step++) {
        // Progress goes out as a step starts: one sent just before the result can reach the
        // client after it (the SDK dispatches notifications a tick later) and be dropped.
        if (progressToken !== undefined) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress: step, total, message: `step ${step} of ${total}` },
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      return text(`Finished ${total} steps.`);
    },
  );

  return server;
}

export async function runDemoServer(version: string): Promise<void> {
  await createDemoServer(version).connect(new StdioServerTransport());
}
