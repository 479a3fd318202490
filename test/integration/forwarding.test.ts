/**
 * What Switchboard forwards beyond tools (docs/FORWARDING.md): logging, completions, resource
 * subscriptions, and progress that arrives together with the result. Real SDK clients, a real
 * stdio upstream (test/support/fixtures/forwardingServer.mjs), the real gateway.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
  type LoggingMessageNotification,
} from '@modelcontextprotocol/sdk/types.js';
import { startProxy, stdioServer, type ProxyHarness } from './proxyHarness';

const FIXTURE = resolve(import.meta.dirname, '../support/fixtures/forwardingServer.mjs');
const WATCHED = 'fixture://watched';

interface UpstreamState {
  level: string | null;
  subscribeCalls: number;
  unsubscribeCalls: number;
  subscribed: string[];
}

/** Collects one kind of notification and lets a test wait for a count of them. */
function collect<T>(client: Client, schema: Parameters<Client['setNotificationHandler']>[0]) {
  const seen: T[] = [];
  let waiters: { count: number; done: () => void }[] = [];
  client.setNotificationHandler(schema, (notification) => {
    seen.push(notification as T);
    waiters = waiters.filter((waiter) => {
      if (seen.length < waiter.count) return true;
      waiter.done();
      return false;
    });
  });
  return {
    seen,
    until: (count: number) =>
      new Promise<void>((done) => {
        if (seen.length >= count) done();
        else waiters.push({ count, done });
      }),
  };
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const first = (result.content as { type: string; text?: string }[])[0];
  return first?.text ?? '';
}

describe('forwarding through the proxy', () => {
  let proxy: ProxyHarness;

  beforeAll(async () => {
    proxy = await startProxy({ servers: [stdioServer('fixture', FIXTURE, [])] });
  });

  afterAll(async () => {
    await proxy.close();
  });

  async function upstreamState(client: Client): Promise<UpstreamState> {
    const result = await client.callTool({ name: 'fixture__upstream_state', arguments: {} });
    return JSON.parse(textOf(result)) as UpstreamState;
  }

  it('advertises logging, completions and subscribe because the upstream offers them', async () => {
    const agent = await proxy.connectAgent();
    const capabilities = agent.getServerCapabilities();
    expect(capabilities?.logging).toEqual({});
    expect(capabilities?.completions).toEqual({});
    expect(capabilities?.resources?.subscribe).toBe(true);
    expect(capabilities?.experimental?.sampling).toBeUndefined();
    await agent.close();
  });

  it("delivers a call's log messages to its agent only, filtered by that session's level", async () => {
    const quiet = await proxy.connectAgent({ name: 'quiet' });
    const chatty = await proxy.connectAgent({ name: 'chatty' });
    const quietLogs = collect<LoggingMessageNotification>(quiet, LoggingMessageNotificationSchema);
    const chattyLogs = collect<LoggingMessageNotification>(
      chatty,
      LoggingMessageNotificationSchema,
    );

    await quiet.setLoggingLevel('warning');
    await chatty.setLoggingLevel('debug');
    await quiet.callTool({ name: 'fixture__log_levels', arguments: { tag: 'q' } });
    // A session with a level gets its call's logs on the call's stream, before the result.
    expect(quietLogs.seen.map((n) => n.params.data)).toEqual(['warning q', 'error q']);

    await chatty.callTool({ name: 'fixture__log_levels', arguments: { tag: 'c' } });
    expect(chattyLogs.seen.map((n) => n.params.data)).toEqual([
      'debug c',
      'info c',
      'warning c',
      'error c',
    ]);
    // Neither saw the other's call.
    expect(quietLogs.seen).toHaveLength(2);
    // The upstream was asked for the most verbose level any session set.
    expect((await upstreamState(quiet)).level).toBe('debug');
    await Promise.all([quiet.close(), chatty.close()]);
  });

  it('delivers logs to a session that set no level on its GET stream', async () => {
    const agent = await proxy.connectAgent({ name: 'no-level' });
    const logs = collect<LoggingMessageNotification>(agent, LoggingMessageNotificationSchema);
    await agent.callTool({ name: 'fixture__log_levels', arguments: { tag: 'n' } });
    await logs.until(4);
    expect(logs.seen.map((n) => n.params.data)).toEqual([
      'debug n',
      'info n',
      'warning n',
      'error n',
    ]);
    await agent.close();
  });

  it('passes every progress notification even when the result arrives in the same burst', async () => {
    const agent = await proxy.connectAgent();
    for (let i = 0; i < 20; i++) {
      const progress: number[] = [];
      await agent.callTool({ name: 'fixture__progress_burst', arguments: {} }, undefined, {
        onprogress: (p) => progress.push(p.progress),
      });
      expect(progress).toEqual([1, 2, 3]);
    }
    await agent.close();
  });

  it('routes completion/complete by prompt name and by resource template', async () => {
    const agent = await proxy.connectAgent();
    const byPrompt = await agent.complete({
      ref: { type: 'ref/prompt', name: 'fixture__greet' },
      argument: { name: 'name', value: 'al' },
    });
    expect(byPrompt.completion.values).toEqual(['alice', 'albert', 'ref=greet']);
    const byTemplate = await agent.complete({
      ref: { type: 'ref/resource', uri: 'fixture://item/{id}' },
      argument: { name: 'id', value: '1' },
    });
    expect(byTemplate.completion.values).toEqual(['1', '10', 'ref=fixture://item/{id}']);
    await expect(
      agent.complete({
        ref: { type: 'ref/prompt', name: 'greet' },
        argument: { name: 'name', value: 'a' },
      }),
    ).rejects.toThrow(/Unknown prompt "greet"/);
    await expect(
      agent.complete({
        ref: { type: 'ref/resource', uri: 'nowhere://x' },
        argument: { name: 'x', value: '' },
      }),
    ).rejects.toThrow(/No upstream server lists resource "nowhere:\/\/x"/);
    await agent.close();
  });

  it('fans subscriptions in (one upstream subscription per URI) and updates out to subscribers only', async () => {
    const first = await proxy.connectAgent({ name: 'first' });
    const second = await proxy.connectAgent({ name: 'second' });
    const bystander = await proxy.connectAgent({ name: 'bystander' });
    const firstUpdates = collect(first, ResourceUpdatedNotificationSchema);
    const secondUpdates = collect(second, ResourceUpdatedNotificationSchema);
    const bystanderUpdates = collect(bystander, ResourceUpdatedNotificationSchema);

    await first.subscribeResource({ uri: WATCHED });
    await second.subscribeResource({ uri: WATCHED });
    expect(await upstreamState(first)).toMatchObject({ subscribeCalls: 1, subscribed: [WATCHED] });

    await bystander.callTool({ name: 'fixture__touch', arguments: { uri: WATCHED } });
    await Promise.all([firstUpdates.until(1), secondUpdates.until(1)]);

    await first.unsubscribeResource({ uri: WATCHED });
    expect(await upstreamState(first)).toMatchObject({
      unsubscribeCalls: 0,
      subscribed: [WATCHED],
    });
    await bystander.callTool({ name: 'fixture__touch', arguments: { uri: WATCHED } });
    await secondUpdates.until(2);
    // A round trip on each stream after the second update: anything sent to them has arrived.
    await Promise.all([first.ping(), bystander.ping()]);
    expect(firstUpdates.seen).toHaveLength(1);
    expect(bystanderUpdates.seen).toHaveLength(0);

    await second.unsubscribeResource({ uri: WATCHED });
    expect(await upstreamState(first)).toMatchObject({ unsubscribeCalls: 1, subscribed: [] });
    await Promise.all([first.close(), second.close(), bystander.close()]);
  });

  it('makes one upstream subscription for sessions that subscribe at the same moment', async () => {
    const agents = await Promise.all([1, 2, 3].map(() => proxy.connectAgent()));
    const before = await upstreamState(agents[0]!);
    await Promise.all(agents.map((agent) => agent.subscribeResource({ uri: 'fixture://item/3' })));
    const after = await upstreamState(agents[0]!);
    expect(after.subscribeCalls).toBe(before.subscribeCalls + 1);
    await Promise.all(
      agents.map((agent) => agent.unsubscribeResource({ uri: 'fixture://item/3' })),
    );
    expect((await upstreamState(agents[0]!)).unsubscribeCalls).toBe(before.unsubscribeCalls + 1);
    await Promise.all(agents.map((agent) => agent.close()));
  });

  it('subscribes again and restores the log level after the upstream restarts', async () => {
    const agent = await proxy.connectAgent();
    await agent.setLoggingLevel('info');
    await agent.subscribeResource({ uri: 'fixture://item/9' });
    const firstPid = proxy.upstreams.pid('fixture');
    await proxy.upstreams.restart('fixture');
    expect(proxy.upstreams.pid('fixture')).not.toBe(firstPid);
    await waitFor(async () => {
      const state = await upstreamState(agent);
      return state.subscribed.includes('fixture://item/9') && state.level !== null;
    });
    await agent.unsubscribeResource({ uri: 'fixture://item/9' });
    await agent.close();
  });

  it('ends the upstream subscription when the last subscribed session ends', async () => {
    const leaving = await proxy.connectAgent({ name: 'leaving' });
    const watcher = await proxy.connectAgent({ name: 'watcher' });
    const before = await upstreamState(watcher);
    await leaving.subscribeResource({ uri: 'fixture://item/7' });
    expect((await upstreamState(watcher)).subscribed).toContain('fixture://item/7');
    // The session's DELETE, as a client that ends its session sends it.
    await (leaving.transport as StreamableHTTPClientTransport).terminateSession();
    await leaving.close();
    await waitFor(
      async () => (await upstreamState(watcher)).unsubscribeCalls === before.unsubscribeCalls + 1,
    );
    expect((await upstreamState(watcher)).subscribed).not.toContain('fixture://item/7');
    await watcher.close();
  });
});

/** Polls a condition that changes on another process's schedule (the session's DELETE). */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
