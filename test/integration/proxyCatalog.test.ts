/**
 * The aggregated catalog through the real proxy: server-everything over stdio and over Streamable
 * HTTP, server-filesystem and server-memory over stdio, one agent over Streamable HTTP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposeName, MAX_EXPOSED_NAME_LENGTH } from '../../src/main/core/upstreams';
import { resultText } from '../support/agent';
import { SERVER_FILESYSTEM, SERVER_MEMORY } from '../support/mcpServers';
import {
  everythingStdio,
  remoteServer,
  startEverythingHttp,
  startProxy,
  stdioServer,
  type EverythingHttp,
  type ProxyHarness,
} from './proxyHarness';

const LONG_SERVER = `everything-with-a-very-long-server-name-for-the-test-${'x'.repeat(8)}`;

let proxy: ProxyHarness;
let agent: Client;
let remote: EverythingHttp;
let legacy: EverythingHttp;
let files: string;

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'switchboard-fs-'));
  writeFileSync(join(files, 'hello.txt'), 'hello from the filesystem server');
  [remote, legacy] = await Promise.all([
    startEverythingHttp(),
    startEverythingHttp(undefined, 'sse'),
  ]);
  proxy = await startProxy({
    servers: [
      everythingStdio(),
      remoteServer('remote', remote.url),
      stdioServer('fs', SERVER_FILESYSTEM, [files]),
      stdioServer('memory', SERVER_MEMORY, [], {
        env: { MEMORY_FILE_PATH: join(files, 'memory.jsonl') },
      }),
      everythingStdio(LONG_SERVER),
      remoteServer('legacy', legacy.url, { transport: 'sse' }),
    ],
  });
  agent = await proxy.connectAgent();
});

afterAll(async () => {
  await proxy?.close();
  await remote?.stop();
  await legacy?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('aggregated tools', () => {
  it('lists every ready server, each tool as <server>__<tool> with the upstream schema and description', async () => {
    expect(proxy.upstreams.states().map((s) => [s.name, s.status])).toEqual([
      ['everything', 'ready'],
      ['remote', 'ready'],
      ['fs', 'ready'],
      ['memory', 'ready'],
      [LONG_SERVER, 'ready'],
      ['legacy', 'ready'],
    ]);
    const { tools } = await agent.listTools();
    const names = tools.map((tool) => tool.name);
    for (const name of [
      'everything__echo',
      'remote__echo',
      'fs__read_text_file',
      'memory__read_graph',
    ]) {
      expect(names).toContain(name);
    }
    expect(names.every((name) => name.length <= MAX_EXPOSED_NAME_LENGTH)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    const upstreamEcho = proxy.upstreams.tools('everything').find((tool) => tool.name === 'echo');
    const echo = tools.find((tool) => tool.name === 'everything__echo');
    expect(echo?.description).toBe(upstreamEcho?.description);
    expect(echo?.inputSchema).toEqual(upstreamEcho?.input_schema);
  });

  it('calls tools on stdio, Streamable HTTP and SSE upstreams alike', async () => {
    const sse = await agent.callTool({ name: 'legacy__echo', arguments: { message: 'over sse' } });
    expect(resultText(sse)).toBe('Echo: over sse');
    expect(
      resultText(
        await agent.callTool({ name: 'remote__echo', arguments: { message: 'over http' } }),
      ),
    ).toBe('Echo: over http');
    const read = await agent.callTool({
      name: 'fs__read_text_file',
      arguments: { path: join(files, 'hello.txt') },
    });
    expect(resultText(read)).toContain('hello from the filesystem server');
    await agent.callTool({
      name: 'memory__create_entities',
      arguments: {
        entities: [{ name: 'Switchboard', entityType: 'app', observations: ['proxies MCP'] }],
      },
    });
    expect(
      resultText(await agent.callTool({ name: 'memory__read_graph', arguments: {} })),
    ).toContain('Switchboard');
    const records = await proxy.records();
    expect(records.find((r) => r.server_name === 'remote' && r.tool_name === 'echo')?.status).toBe(
      'success',
    );
    expect(
      records.find((r) => r.server_name === 'memory' && r.tool_name === 'read_graph')?.status,
    ).toBe('success');
  });

  it('shortens names over 64 characters and maps them back to the upstream tool', async () => {
    const long = exposeName(LONG_SERVER, 'trigger-long-running-operation');
    expect(long).toHaveLength(MAX_EXPOSED_NAME_LENGTH);
    expect(long).not.toContain('trigger-long-running-operation');
    const { tools } = await agent.listTools();
    expect(tools.map((tool) => tool.name)).toContain(long);
    const result = await agent.callTool({ name: long, arguments: { duration: 0.05, steps: 1 } });
    expect(resultText(result)).toContain('Long running operation completed');
    const record = (await proxy.records()).find((r) => r.server_name === LONG_SERVER);
    expect(record).toMatchObject({
      tool_name: 'trigger-long-running-operation',
      status: 'success',
    });
  });
});

describe('prompts and resources', () => {
  it('namespaces prompts and routes prompts/get to the server that has them', async () => {
    const { prompts } = await agent.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(
      expect.arrayContaining(['everything__simple-prompt', 'remote__simple-prompt']),
    );
    const prompt = await agent.getPrompt({ name: 'remote__simple-prompt' });
    expect(prompt.messages.length).toBeGreaterThan(0);
    await expect(agent.getPrompt({ name: 'nowhere__simple-prompt' })).rejects.toThrow(
      /Unknown prompt/,
    );
  });

  it('keeps resource URIs and routes a read to the first server that lists it or whose template matches', async () => {
    const { resources } = await agent.listResources();
    const listed = resources.find((resource) => resource.uri.startsWith('demo://'));
    expect(listed).toBeDefined();
    const read = await agent.readResource({ uri: listed?.uri ?? '' });
    expect(read.contents[0]?.uri).toBe(listed?.uri);

    const { resourceTemplates } = await agent.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain(
      'demo://resource/dynamic/text/{resourceId}',
    );
    const templated = await agent.readResource({ uri: 'demo://resource/dynamic/text/42' });
    expect(JSON.stringify(templated.contents)).toContain('42');

    await expect(agent.readResource({ uri: 'nowhere://thing' })).rejects.toThrow(
      /No upstream server lists resource "nowhere:\/\/thing"/,
    );
  });
});

describe('catalog changes', () => {
  it('notifies sessions with tools/list_changed when a server is quarantined, and hides its tools', async () => {
    const changed = new Promise<void>((resolve) =>
      agent.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
    );
    await proxy.apply(
      proxy.config.servers.map((server) =>
        server.name === 'memory' ? { ...server, quarantined: true } : server,
      ),
    );
    await changed;
    expect(proxy.upstreams.state('memory')?.status).toBe('quarantined');
    const { tools } = await agent.listTools();
    expect(tools.some((tool) => tool.name.startsWith('memory__'))).toBe(false);
  });
});
