/**
 * A tools/call over the `/mcp` body limit (SPEC 3) is a refused call: the agent gets a JSON-RPC
 * `-32602` answer naming the limit and the call gets one `tool_call` record with arguments null.
 * Before, the SDK transport answered 413 and nothing was recorded.
 */
import { resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overLimitMessage } from '../../src/main/core/gateway/overLimitCall';
import { startProxy, stdioServer, type ProxyHarness } from './proxyHarness';

const SERVER = resolve(import.meta.dirname, '../support/servers/caseInsensitiveServer.mjs');
const FIVE_MIB = 5 * 1024 * 1024;

let proxy: ProxyHarness;
let agent: Client;

beforeAll(async () => {
  proxy = await startProxy({ servers: [stdioServer('s', SERVER, [])] });
  agent = await proxy.connectAgent({ name: 'big-agent' });
});

afterAll(async () => {
  await proxy?.close();
});

function sessionIdOf(client: Client): string {
  return String(
    (client as unknown as { transport: StreamableHTTPClientTransport }).transport.sessionId,
  );
}

/** A tools/call body of about `bytes` bytes. */
function bigCall(id: string, bytes: number, method = 'tools/call'): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"method":"${method}","params":{"name":"s__touch","arguments":{"blob":"${'x'.repeat(bytes)}"}}}`;
}

function post(body: RequestInit['body'], headers: Record<string, string> = {}): Promise<Response> {
  return fetch(proxy.mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${proxy.token}`,
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      ...headers,
    },
    body,
    duplex: 'half',
  } as RequestInit);
}

/** The body sent as a stream, so it goes chunked with no Content-Length. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
}

async function newRecords(run: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const before = (await proxy.records()).length;
  await run();
  return (await proxy.records()).slice(before) as unknown as Record<string, unknown>[];
}

describe('tools/call over the body limit', () => {
  it('answers an SDK client -32602 naming the limit and records the call once', async () => {
    const added = await newRecords(async () => {
      const error = await agent
        .callTool({ name: 's__touch', arguments: { blob: 'x'.repeat(FIVE_MIB) } })
        .then(
          () => null,
          (thrown: unknown) => thrown,
        );
      expect(error).toBeInstanceOf(McpError);
      expect((error as McpError).code).toBe(-32602);
      expect((error as McpError).message).toMatch(/over the 4194304-byte limit of \/mcp/);
    });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      type: 'tool_call',
      tool_name: 's__touch',
      server_name: null,
      status: 'error',
      error_kind: 'rpc_error',
      arguments: null,
      request_bytes: 0,
      session_id: sessionIdOf(agent),
      client_name: 'big-agent',
      token_name: 'test agent',
    });
    // The session goes on.
    const after = await agent.callTool({ name: 's__touch', arguments: {} });
    expect(after.isError).toBeFalsy();
  });

  it('refuses a chunked body without Content-Length the same way, answering its id', async () => {
    const text = bigCall('chunky', FIVE_MIB);
    const added = await newRecords(async () => {
      const response = await post(chunked(text), { 'mcp-session-id': sessionIdOf(agent) });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        jsonrpc: '2.0',
        id: 'chunky',
        error: { code: -32602, message: overLimitMessage(Buffer.byteLength(text)) },
      });
    });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ arguments: null, session_id: sessionIdOf(agent) });
  });

  it('records a sessionless over-limit call under its connection, with its token', async () => {
    const added = await newRecords(async () => {
      const response = await post(bigCall('lone', FIVE_MIB));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { id: string }).id).toBe('lone');
    });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      tool_name: 's__touch',
      arguments: null,
      token_name: 'test agent',
    });
    expect(added[0]?.session_id).toMatch(/^conn-/);
  });

  it('answers any other over-limit message 413 with its id and records nothing', async () => {
    const added = await newRecords(async () => {
      const response = await post(bigCall('read', FIVE_MIB, 'resources/read'), {
        'mcp-session-id': sessionIdOf(agent),
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ id: 'read', error: { code: -32000 } });
    });
    expect(added).toEqual([]);
  });

  it('still serves a chunked body within the limit', async () => {
    const response = await post(chunked(bigCall('small', 1024)), {
      'mcp-session-id': sessionIdOf(agent),
    });
    const text = await response.text();
    expect(text).toContain('touched by');
  });
});
