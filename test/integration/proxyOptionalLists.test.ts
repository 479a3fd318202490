/**
 * An upstream that declares resources and prompts but answers "method not found" to
 * resources/templates/list and prompts/list is still served: those lists count as empty.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultText } from '../support/agent';
import { startProxy, stdioServer, type ProxyHarness } from './proxyHarness';

const NO_TEMPLATES = resolve(import.meta.dirname, '../support/servers/noTemplatesServer.mjs');

let proxy: ProxyHarness;

beforeAll(async () => {
  proxy = await startProxy({ servers: [stdioServer('partial', NO_TEMPLATES, [])] });
});

afterAll(async () => {
  await proxy?.close();
});

describe('optional list methods an upstream does not implement', () => {
  it('connects, lists its tools and resources, and forwards calls', async () => {
    expect(proxy.upstreams.state('partial')).toMatchObject({
      status: 'ready',
      error: null,
      tools_count: 1,
    });
    const agent = await proxy.connectAgent();
    expect((await agent.listResources()).resources.map((r) => r.uri)).toEqual(['memo://one']);
    expect((await agent.listResourceTemplates()).resourceTemplates).toEqual([]);
    expect((await agent.listPrompts()).prompts).toEqual([]);
    expect(resultText(await agent.callTool({ name: 'partial__ping', arguments: {} }))).toBe('pong');
  });
});
