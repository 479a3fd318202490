/**
 * Tool calls through the real proxy (agent SDK client -> /mcp -> server-everything over stdio):
 * one record per call under load, policy blocks, quarantine, redaction, truncation, progress,
 * cancellation, timeouts and the token check.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../src/shared/activity';
import { resultText } from '../support/agent';
import { everythingStdio, startProxy, type ProxyHarness } from './proxyHarness';

let proxy: ProxyHarness;
let agent: Client;

beforeAll(async () => {
  proxy = await startProxy({
    servers: [
      everythingStdio(),
      everythingStdio('slow', { timeout_ms: 300 }),
      everythingStdio('held', { quarantined: true }),
    ],
    settings: { activity_max_response_size: 1024 },
  });
  agent = await proxy.connectAgent({ name: 'calls-agent' });
});

afterAll(async () => {
  await proxy?.close();
});

const callsOf = (records: Awaited<ReturnType<ProxyHarness['records']>>, type = 'tool_call') =>
  records.filter((record) => record.type === type);

describe('tools/call through the proxy', () => {
  it('forwards a call and records it with session, client and token', async () => {
    const started: ActivityEvent[] = [];
    const off = proxy.events.subscribe((event) => {
      if (event.event === 'activity.tool_call.started') started.push(event);
    });
    const result = await agent.callTool({
      name: 'everything__echo',
      arguments: { message: 'hello' },
    });
    off();
    expect(resultText(result)).toBe('Echo: hello');
    const record = (await proxy.records()).find((r) => r.arguments?.message === 'hello');
    expect(record).toMatchObject({
      type: 'tool_call',
      server_name: 'everything',
      tool_name: 'echo',
      status: 'success',
      response: 'Echo: hello',
      client_name: 'calls-agent',
      client_version: '1.2.3',
      token_name: 'test agent',
      request_bytes: JSON.stringify({ message: 'hello' }).length,
    });
    expect(record?.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(record?.response_bytes).toBe(JSON.stringify(result).length);
    expect(started.map((event) => event.record.id)).toContain(record?.id);
    expect(started[0]?.seq).toBeNull();
  });

  it('records exactly one tool_call per call for 2,000 calls from 16 concurrent sessions', async () => {
    const sessions = await Promise.all(
      Array.from({ length: 16 }, (_, i) => proxy.connectAgent({ name: `load-${i}` })),
    );
    const before = callsOf(await proxy.records()).length;
    await Promise.all(
      sessions.map(async (client, s) => {
        for (let i = 0; i < 125; i++) {
          await client.callTool({
            name: 'everything__echo',
            arguments: { message: `load ${s}-${i}` },
          });
        }
      }),
    );
    const calls = callsOf(await proxy.records());
    const load = calls.filter((r) => String(r.arguments?.message).startsWith('load '));
    expect(calls.length - before).toBe(2000);
    expect(load).toHaveLength(2000);
    expect(new Set(load.map((r) => r.id)).size).toBe(2000);
    expect(new Set(load.map((r) => r.arguments?.message)).size).toBe(2000);
    expect(new Set(load.map((r) => r.session_id)).size).toBe(16);
    await Promise.all(sessions.map((client) => client.close()));
  });

  it('blocks a call that policy forbids: not forwarded, one policy_decision record, no tool_call', async () => {
    proxy.setPolicies([
      {
        id: 'no-echo-secrets',
        effect: 'block',
        server: 'everything',
        tool: 'echo',
        arguments: { message: 'secret*' },
        reason: 'No secrets in echoes',
      },
    ]);
    const progress: unknown[] = [];
    const result = await agent.callTool(
      { name: 'everything__echo', arguments: { message: 'secret plans' } },
      CallToolResultSchema,
      { onprogress: (p) => progress.push(p) },
    );
    proxy.setPolicies([]);
    expect(result.isError).toBe(true);
    expect(resultText(result)).toBe(
      'Blocked by Switchboard policy "no-echo-secrets": No secrets in echoes',
    );
    const records = (await proxy.records()).filter((r) => r.arguments?.message === 'secret plans');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      type: 'policy_decision',
      status: 'blocked',
      policy_id: 'no-echo-secrets',
      reason: 'No secrets in echoes',
    });
    expect(records[0]?.duration_ms).toBeGreaterThanOrEqual(0);
    // Proof it was not forwarded: the upstream's echo would have answered "Echo: secret plans".
    expect(JSON.stringify(result)).not.toContain('Echo:');
  });

  it('hides a quarantined server and blocks calls to it with rule "quarantine"', async () => {
    const { tools } = await agent.listTools();
    expect(tools.some((tool) => tool.name.startsWith('held__'))).toBe(false);
    expect(tools.some((tool) => tool.name === 'slow__echo')).toBe(true);
    const result = await agent.callTool({
      name: 'held__echo',
      arguments: { message: 'quarantined call' },
    });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/^Blocked by Switchboard policy "quarantine": /);
    const records = (await proxy.records()).filter(
      (r) => r.arguments?.message === 'quarantined call',
    );
    expect(records).toEqual([
      expect.objectContaining({
        type: 'policy_decision',
        status: 'blocked',
        policy_id: 'quarantine',
        server_name: 'held',
      }),
    ]);
  });

  it('redacts an api_key argument and an sk- value before they are stored', async () => {
    const key = 'sk-live1234567890abcdefghijklmnop';
    await agent
      .callTool({
        name: 'everything__get-sum',
        arguments: { a: 1, b: 2, api_key: 'hunter2-hunter2' },
      })
      .catch(() => undefined);
    const echoed = await agent.callTool({
      name: 'everything__echo',
      arguments: { message: `use ${key} please` },
    });
    expect(resultText(echoed)).toContain(key);
    const records = await proxy.records();
    const sum = records.find((r) => r.tool_name === 'get-sum');
    expect(sum?.arguments?.api_key).toBe('[REDACTED]');
    const echo = records.find((r) => String(r.arguments?.message).startsWith('use '));
    expect(JSON.stringify(echo)).not.toContain(key);
    expect(echo?.response).toContain('[REDACTED]');
    const raw = proxy.db.sqlite
      .prepare('SELECT COUNT(*) AS n FROM activity WHERE arguments LIKE ? OR response LIKE ?')
      .get(`%${key}%`, `%${key}%`) as { n: number };
    expect(raw.n).toBe(0);
  });

  it('truncates a large response to activity_max_response_size and keeps response_bytes', async () => {
    const message = 'x'.repeat(5000);
    const result = await agent.callTool({ name: 'everything__echo', arguments: { message } });
    const record = (await proxy.records()).find((r) => r.arguments?.message === message);
    expect(record?.response_truncated).toBe(true);
    expect(Buffer.byteLength(record?.response ?? '')).toBeLessThanOrEqual(1024);
    expect(record?.response_bytes).toBe(JSON.stringify(result).length);
  });

  it('passes progress through and records a completed long-running call', async () => {
    const progress: { progress: number; total?: number }[] = [];
    const result = await agent.callTool(
      {
        name: 'everything__trigger-long-running-operation',
        arguments: { duration: 0.3, steps: 3 },
      },
      CallToolResultSchema,
      { onprogress: (p) => progress.push(p) },
    );
    expect(resultText(result)).toContain('Long running operation completed');
    // The gateway sends the last progress before the result, but the SDK client drops a progress
    // that arrives in the same read as the result (it handles notifications a microtask later),
    // which happens under load; the steps 100 ms apart always arrive.
    expect(progress.map((p) => p.progress).slice(0, 2)).toEqual([1, 2]);
    expect(progress[0]?.total).toBe(3);
  });

  it('aborts the upstream call when the agent cancels, recorded as cancelled', async () => {
    const controller = new AbortController();
    const pending = agent.callTool(
      {
        name: 'everything__trigger-long-running-operation',
        arguments: { duration: 20, steps: 20 },
      },
      CallToolResultSchema,
      { signal: controller.signal, onprogress: () => controller.abort('user pressed stop') },
    );
    await expect(pending).rejects.toThrow();
    let record;
    for (;;) {
      record = (await proxy.records()).find(
        (r) => r.tool_name === 'trigger-long-running-operation' && r.arguments?.duration === 20,
      );
      if (record) break;
      await new Promise((resolve) => proxy.events.subscribe(resolve));
    }
    expect(record).toMatchObject({ status: 'error', error_kind: 'cancelled' });
    expect(record.duration_ms).toBeLessThan(5000);
  });

  it('fails a call that gets no answer within timeout_ms with error_kind timeout', async () => {
    const t0 = performance.now();
    const result = await agent.callTool({
      name: 'slow__trigger-long-running-operation',
      arguments: { duration: 10, steps: 1 },
    });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(result.isError).toBe(true);
    expect(resultText(result)).toContain('did not answer within 300 ms');
    const record = (await proxy.records()).find(
      (r) => r.server_name === 'slow' && r.tool_name === 'trigger-long-running-operation',
    );
    expect(record).toMatchObject({ status: 'error', error_kind: 'timeout' });
  });

  it('returns a JSON-RPC error for an unknown tool and records an upstream tool error', async () => {
    await expect(agent.callTool({ name: 'nosuchserver__echo', arguments: {} })).rejects.toThrow(
      /Unknown tool "nosuchserver__echo"/,
    );
    const result = await agent.callTool({
      name: 'everything__get-sum',
      arguments: { a: 'not a number' },
    });
    expect(result.isError).toBe(true);
    const record = (await proxy.records()).find(
      (r) => r.tool_name === 'get-sum' && r.arguments?.a === 'not a number',
    );
    expect(record).toMatchObject({ status: 'error', error_kind: 'tool_error' });
  });
});

describe('the /mcp token check', () => {
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'curl', version: '0' },
    },
  };
  const post = (headers: Record<string, string>) =>
    fetch(proxy.mcpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: JSON.stringify(initialize),
    });

  it('answers 401 with a JSON-RPC body that says how to get a token: missing, wrong, revoked', async () => {
    const revoked = proxy.tokens.create('revoked agent');
    proxy.tokens.revoke(revoked.id);
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Bearer swb_wrong' },
      { authorization: `Bearer ${revoked.token}` },
      { authorization: 'Basic abc' },
    ];
    for (const headers of variants) {
      const response = await post(headers);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { jsonrpc: string; error: { message: string } };
      expect(body.jsonrpc).toBe('2.0');
      expect(body.error.message).toContain('switchboard tokens create NAME');
    }
  });

  it('refuses an SDK client with a revoked token, and stops a session whose token is revoked', async () => {
    const created = proxy.tokens.create('soon revoked');
    const client = await proxy.connectAgent({ token: created.token });
    await client.callTool({ name: 'everything__echo', arguments: { message: 'before revoke' } });
    proxy.tokens.revoke(created.id);
    await expect(
      client.callTool({ name: 'everything__echo', arguments: { message: 'after revoke' } }),
    ).rejects.toThrow(/401|Unknown or revoked/);
    const fresh = new Client({ name: 'x', version: '0' });
    await expect(
      fresh.connect(
        new StreamableHTTPClientTransport(new URL(proxy.mcpUrl), {
          requestInit: { headers: { Authorization: `Bearer ${created.token}` } },
        }),
      ),
    ).rejects.toThrow();
  });

  it('answers 404 for an unknown session id', async () => {
    const response = await fetch(proxy.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${proxy.token}`,
        'mcp-session-id': 'gone',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(response.status).toBe(404);
  });
});
