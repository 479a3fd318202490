/**
 * Downstream sessions of the real gateway: DELETE and idle cleanup, requests without a session
 * (stateless clients), and the errors a malformed request gets.
 */
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEndReason } from '../../../../src/main/core/gateway/gateway';
import { everythingStdio, startProxy, type ProxyHarness } from '../../../integration/proxyHarness';

let proxy: ProxyHarness;
const closed: { id: string; why: SessionEndReason }[] = [];
const closeWaiters: (() => void)[] = [];

beforeAll(async () => {
  proxy = await startProxy({
    servers: [everythingStdio()],
    sessionIdleMs: 1_000,
    onSessionClosed: (id, why) => {
      closed.push({ id, why });
      closeWaiters.splice(0).forEach((wake) => wake());
    },
  });
});

afterAll(async () => {
  await proxy?.close();
});

function sessionClosed(id: string): Promise<SessionEndReason> {
  return new Promise((resolve) => {
    const check = (): void => {
      const found = closed.find((entry) => entry.id === id);
      if (found) resolve(found.why);
      else closeWaiters.push(check);
    };
    check();
  });
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(proxy.mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${proxy.token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('gateway sessions', () => {
  it('ends a session on DELETE', async () => {
    const agent = await proxy.connectAgent();
    const transport = agent.transport as StreamableHTTPClientTransport;
    const id = transport.sessionId ?? '';
    expect(id).not.toBe('');
    await transport.terminateSession();
    expect(await sessionClosed(id)).toBe('deleted');
  });

  it('closes a session that stays idle past the idle timeout', async () => {
    const agent = await proxy.connectAgent();
    const id = (agent.transport as StreamableHTTPClientTransport).sessionId ?? '';
    await agent.callTool({ name: 'everything__echo', arguments: { message: 'then idle' } });
    // The SDK client keeps a GET stream open for notifications; an idle session is one without it.
    await agent.close();
    expect(await sessionClosed(id)).toBe('idle');
    expect(proxy.gateway.sessionCount()).toBe(0);
  });
});

describe('requests without a session', () => {
  it('serves a tools/call from a client that keeps no session, recorded under a connection id', async () => {
    const response = await post({
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'everything__echo', arguments: { message: 'stateless' } },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Echo: stateless');
    const record = (await proxy.records()).find((r) => r.arguments?.message === 'stateless');
    expect(record?.session_id).toMatch(/^conn-/);
    expect(record?.token_name).toBe('test agent');
  });

  it('answers 400 naming the problem for bad JSON and for GET without a session', async () => {
    const bad = await post('{not json');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid JSON/,
    );
    const get = await fetch(proxy.mcpUrl, {
      headers: { authorization: `Bearer ${proxy.token}`, accept: 'text/event-stream' },
    });
    expect(get.status).toBe(400);
    expect(((await get.json()) as { error: { message: string } }).error.message).toContain(
      'Mcp-Session-Id',
    );
  });
});
