/**
 * `switchboard connect`'s bridge: an SDK client speaking stdio (over in-memory pipes) reaches the
 * real proxy through runStdioBridge, list_changed and progress included.
 */
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolResultSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStdioBridge } from '../../../../src/main/core/gateway';
import { resultText } from '../../../support/agent';
import { everythingStdio, startProxy, type ProxyHarness } from '../../../integration/proxyHarness';

/** The client's end of a stdio pipe pair: what a stdio-only agent does after spawning a server. */
class PipeClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private readonly buffer = new ReadBuffer();

  constructor(
    private readonly toBridge: PassThrough,
    private readonly fromBridge: PassThrough,
  ) {}

  async start(): Promise<void> {
    this.fromBridge.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (let message = this.buffer.readMessage(); message; message = this.buffer.readMessage()) {
        this.onmessage?.(message);
      }
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.toBridge.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    this.toBridge.end();
    this.onclose?.();
  }
}

let proxy: ProxyHarness;

beforeAll(async () => {
  proxy = await startProxy({ servers: [everythingStdio()] });
});

afterAll(async () => {
  await proxy?.close();
});

function bridge(token: string) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const errors: string[] = [];
  const done = runStdioBridge({
    url: proxy.mcpUrl,
    token,
    stdin,
    stdout,
    onError: (m) => errors.push(m),
  });
  return { client: new PipeClientTransport(stdin, stdout), done, errors };
}

describe('runStdioBridge', () => {
  it('carries initialize, tools, progress and calls between a stdio client and the proxy', async () => {
    const { client: transport, done } = bridge(proxy.token);
    const client = new Client({ name: 'claude-desktop-like', version: '0.9' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('everything__echo');
    const progress: number[] = [];
    const result = await client.callTool(
      {
        name: 'everything__trigger-long-running-operation',
        arguments: { duration: 0.2, steps: 2 },
      },
      CallToolResultSchema,
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(resultText(result)).toContain('completed');
    // The last one may be dropped by the SDK client itself when it arrives in the same read as
    // the result (it handles notifications a microtask after responses), so only the first is certain.
    expect(progress[0]).toBe(1);
    expect(
      resultText(
        await client.callTool({ name: 'everything__echo', arguments: { message: 'via bridge' } }),
      ),
    ).toBe('Echo: via bridge');
    const record = (await proxy.records()).find((r) => r.arguments?.message === 'via bridge');
    expect(record).toMatchObject({
      client_name: 'claude-desktop-like',
      client_version: '0.9',
      token_name: 'test agent',
    });
    expect(proxy.gateway.sessionCount()).toBeGreaterThan(0);
    const sessions = proxy.gateway.sessionCount();
    await client.close();
    await done;
    // Ending stdin ends the session on Switchboard too (DELETE).
    expect(proxy.gateway.sessionCount()).toBe(sessions - 1);
  });

  it('answers the client with an error that says what is wrong when the token is refused', async () => {
    const { client: transport, errors } = bridge('swb_not-a-real-token');
    const client = new Client({ name: 'x', version: '0' });
    const refused = `Switchboard at ${proxy.mcpUrl} refused the MCP token: it is unknown or revoked. Create one with "switchboard tokens create NAME" (or in the Tokens view of the Switchboard window) and pass it with --token.`;
    await expect(client.connect(transport)).rejects.toThrow(refused);
    expect(errors).toEqual([refused]);
    expect(errors.join('\n')).not.toContain('could not reach');
    await transport.close();
  });

  it('rejects a URL that is not one, naming the flag', async () => {
    await expect(
      runStdioBridge({
        url: 'not a url',
        token: 't',
        stdin: new PassThrough(),
        stdout: new PassThrough(),
      }),
    ).rejects.toThrow(/--url "not a url" is not a URL/);
  });
});
