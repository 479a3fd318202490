/**
 * Exact routing (SPEC 3): a tools/call name is routed only if it is, byte for byte, an exposed
 * name; other spellings are unknown tools, refused with one JSON-RPC error and recorded. The
 * upstream here matches names loosely, as some real servers do, so a spelling that slipped
 * through would run past a block rule written for the tool's own name.
 */
import { resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultText } from '../support/agent';
import { startProxy, stdioServer, type ProxyHarness } from './proxyHarness';

const LOOSE_SERVER = resolve(import.meta.dirname, '../support/servers/caseInsensitiveServer.mjs');
const SPELLINGS = ['s__TOUCH', 's__Touch', 's__touch ', 's__ touch'];

let proxy: ProxyHarness;
let agent: Client;

beforeAll(async () => {
  proxy = await startProxy({
    servers: [stdioServer('s', LOOSE_SERVER, [])],
    policies: [{ id: 'no-touch', effect: 'block', server: 's', tool: 'touch', reason: 'No' }],
  });
  agent = await proxy.connectAgent();
});

afterAll(async () => {
  await proxy?.close();
});

async function rpcErrorOf(call: Promise<unknown>): Promise<McpError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}

describe('exact tool routing', () => {
  it('blocks the listed name and refuses every other spelling as an unknown tool, recorded', async () => {
    const blocked = await agent.callTool({ name: 's__touch', arguments: {} });
    expect(blocked.isError).toBe(true);
    expect(resultText(blocked)).toBe('Blocked by Switchboard policy "no-touch": No');

    for (const name of SPELLINGS) {
      const error = await rpcErrorOf(agent.callTool({ name, arguments: { path: '/x' } }));
      expect(error.code).toBe(-32602);
      // One prefix, added by the agent's own SDK (defect: `MCP error -32602: MCP error -32602: …`).
      expect(error.message).toBe(
        `MCP error -32602: Unknown tool ${JSON.stringify(name)}: Switchboard routes only the exact names it lists (<server>__<tool>); list tools to see them.`,
      );
    }

    const records = await proxy.records();
    expect(records.filter((r) => r.status === 'success')).toEqual([]);
    expect(records.filter((r) => r.type === 'policy_decision')).toHaveLength(1);
    const refused = records.filter((r) => r.type === 'tool_call');
    expect(refused.map((r) => r.tool_name)).toEqual(SPELLINGS);
    for (const record of refused) {
      expect(record).toMatchObject({
        server_name: null,
        status: 'error',
        error_kind: 'rpc_error',
        arguments: { path: '/x' },
        token_name: 'test agent',
      });
    }
  });

  it('refuses a spelling on the SDK path (a call with a progress token) with one prefix too', async () => {
    const error = await rpcErrorOf(
      agent.request(
        { method: 'tools/call', params: { name: 's__TOUCH', _meta: { progressToken: 7 } } },
        CallToolResultSchema,
      ),
    );
    expect(error.code).toBe(-32602);
    expect(error.message.match(/MCP error/g)).toHaveLength(1);
  });

  it("routes a disabled server's listed names to its own answer and still refuses other spellings", async () => {
    proxy.setPolicies([]);
    await proxy.apply([stdioServer('s', LOOSE_SERVER, [], { enabled: false })]);
    try {
      const down = await agent.callTool({ name: 's__touch', arguments: {} });
      expect(down.isError).toBe(true);
      expect(resultText(down)).toBe('Upstream server "s" is disabled.');
      const error = await rpcErrorOf(agent.callTool({ name: 's__Touch', arguments: {} }));
      expect(error.code).toBe(-32602);
    } finally {
      await proxy.apply([stdioServer('s', LOOSE_SERVER, [])]);
    }
  });
});

/** `{"a":{"a":…1…}}` nested `depth` levels, built without recursion. */
function nestedArguments(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('deeply nested arguments', () => {
  async function postCall(argumentsJson: string, meta = ''): Promise<Response> {
    const transport = (agent as unknown as { transport: StreamableHTTPClientTransport }).transport;
    return fetch(proxy.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${proxy.token}`,
        accept: 'application/json, text/event-stream',
        'content-type': 'application/json',
        'mcp-session-id': String(transport.sessionId),
      },
      body: `{"jsonrpc":"2.0","id":"deep","method":"tools/call","params":{"name":"s__touch","arguments":${argumentsJson}${meta}}}`,
    });
  }

  it('refuses arguments 5,000 deep with -32602 naming the limit, and records the call', async () => {
    proxy.setPolicies([]);
    const before = (await proxy.records()).length;
    for (const meta of ['', ',"_meta":{"progressToken":1}']) {
      const response = await postCall(nestedArguments(5_000), meta);
      const text = await response.text();
      const json = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? '');
      const answer = JSON.parse(json) as { error?: { code: number; message: string } };
      expect(answer.error).toEqual({
        code: -32602,
        message: 'arguments: JSON nested deeper than 64 levels; Switchboard accepts at most 64.',
      });
    }
    const added = (await proxy.records()).slice(before);
    expect(added).toHaveLength(2);
    for (const record of added) {
      expect(record).toMatchObject({
        type: 'tool_call',
        tool_name: 's__touch',
        status: 'error',
        error_kind: 'rpc_error',
        arguments: null,
      });
    }
  });

  it('forwards arguments exactly 64 deep', async () => {
    const response = await postCall(nestedArguments(64));
    const answer = (await response.json()) as { result?: { content: { text: string }[] } };
    expect(answer.result?.content[0]?.text).toBe('touched by "touch"');
  });
});
