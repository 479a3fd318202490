/**
 * The stdio upstream transport against a real server-everything child: messages sent in one turn
 * of the event loop are written to the child together, and every call still gets its own answer.
 */
import type { ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { StderrRing } from '../../../../src/main/core/upstreams/stderrRing';
import { createUpstreamTransport } from '../../../../src/main/core/upstreams/upstreamTransport';
import type { ServerConfig } from '../../../../src/main/core/config/contracts';
import { everythingStdioEntry } from '../../../support/mcpServers';

const everything: ServerConfig = {
  name: 'everything',
  transport: 'stdio',
  ...everythingStdioEntry(),
  env: {},
  headers: {},
  enabled: true,
  quarantined: false,
  timeout_ms: 60_000,
};

let client: Client | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('stdio upstream transport', () => {
  it('writes the calls of one event-loop turn to the child at once, and answers each', async () => {
    const upstream = createUpstreamTransport(everything, new StderrRing());
    client = new Client({ name: 'transport-test', version: '1' });
    await client.connect(upstream.transport);
    const stdin = (upstream.transport as unknown as { _process: ChildProcess })._process.stdin!;

    const calls = Array.from({ length: 20 }, (_, i) =>
      client!.request(
        { method: 'tools/call', params: { name: 'echo', arguments: { message: `m${i}` } } },
        CallToolResultSchema,
      ),
    );
    // Still held in this turn; released before the next one.
    expect(stdin.writableCorked).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stdin.writableCorked).toBe(0);

    const results = await Promise.all(calls);
    expect(results.map((result) => result.content[0])).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ type: 'text', text: `Echo: m${i}` })),
    );
  });

  it('sends a lone call without waiting for anything but the current turn', async () => {
    const upstream = createUpstreamTransport(everything, new StderrRing());
    client = new Client({ name: 'transport-test', version: '1' });
    await client.connect(upstream.transport);
    const result = await client.request(
      { method: 'tools/call', params: { name: 'echo', arguments: { message: 'one' } } },
      CallToolResultSchema,
    );
    expect(result.content[0]).toEqual({ type: 'text', text: 'Echo: one' });
  });
});
