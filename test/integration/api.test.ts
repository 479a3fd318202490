/**
 * The REST API of a real core (createSwitchboard) with a real upstream (server-everything over
 * stdio) and a real SDK client calling tools through /mcp: what agents do shows up in every
 * endpoint, in PodWarden's audit shape, in exports, and behind the guards.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityPage, ActivityRecord, ActivitySummary } from '../../src/shared/activity';
import type {
  AuditEntry,
  CreatedMcpToken,
  ServerInfo,
  StatusInfo,
  ToolInfo,
} from '../../src/shared/servers';
import { connectAgent, resultText } from '../support/agent';
import { startCore, waitForServersReady, type RunningCore } from './apiSupport';

describe('REST API of a running Switchboard with real agent calls', () => {
  let core: RunningCore;
  let token: CreatedMcpToken;
  let agent: Client;
  let sessionId: string;

  beforeAll(async () => {
    core = await startCore({
      policies: [
        {
          id: 'env-private',
          effect: 'block',
          server: 'everything',
          tool: 'get-env',
          reason: 'Environment stays private',
        },
      ],
    });
    await waitForServersReady(core);
    const created = await fetch(`${core.base}/api/v1/settings/mcp-tokens`, {
      method: 'POST',
      headers: { 'X-API-Key': core.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Integration Agent' }),
    });
    expect(created.status).toBe(201);
    token = ((await created.json()) as { data: CreatedMcpToken }).data;
    agent = await connectAgent(core.switchboard.urls.mcp, token.token, 'api-test-agent');
    sessionId = (agent.transport as { sessionId?: string } | undefined)?.sessionId ?? '';
    for (const message of ['first, with a comma', 'second "quoted"', 'third']) {
      await agent.callTool({
        name: 'everything__echo',
        arguments: { message, api_key: 'sk-live-should-never-be-stored-1234567890' },
      });
    }
    await agent.callTool({ name: 'everything__get-sum', arguments: { a: 2, b: 3 } });
    const blocked = await agent.callTool({ name: 'everything__get-env', arguments: {} });
    expect(resultText(blocked)).toBe(
      'Blocked by Switchboard policy "env-private": Environment stays private',
    );
    await core.waitForTotal(`token=${encodeURIComponent(token.name)}`, 5);
  }, 60_000);
  afterAll(async () => {
    await agent?.close();
    await core?.stop();
  });

  it('GET /api/v1/status: version, URLs, servers by state, queue and database', async () => {
    const status = await core.data<StatusInfo>('GET', '/api/v1/status');
    expect(status).toMatchObject({
      pid: process.pid,
      mcp_url: core.switchboard.urls.mcp,
      ui_url: core.switchboard.urls.ui,
      servers: { total: 1, ready: 1 },
      queue: { records: 0, bytes: 0 },
    });
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.database.records).toBeGreaterThanOrEqual(5);
  });

  it('lists the calls of the token, newest first, with session and client', async () => {
    const page = await core.data<ActivityPage>('GET', `/api/v1/activity?token=${token.id}`);
    expect(page.total).toBe(5);
    expect(page.activities.map((row) => [row.type, row.tool_name, row.status])).toEqual([
      ['policy_decision', 'get-env', 'blocked'],
      ['tool_call', 'get-sum', 'success'],
      ['tool_call', 'echo', 'success'],
      ['tool_call', 'echo', 'success'],
      ['tool_call', 'echo', 'success'],
    ]);
    expect(page.activities[0]).toMatchObject({
      policy_id: 'env-private',
      reason: 'Environment stays private',
      token_name: 'Integration Agent',
    });
    expect(
      page.activities.every(
        (row) => row.session_id === sessionId && row.client_name === 'api-test-agent',
      ),
    ).toBe(true);
    expect(
      (
        await core.data<ActivityPage>(
          'GET',
          `/api/v1/activity?session_id=${sessionId}&status=blocked`,
        )
      ).total,
    ).toBe(1);
    expect((await core.data<ActivityPage>('GET', '/api/v1/activity?q=quoted')).total).toBe(1);
  });

  it('shows the full record with redacted arguments and the response', async () => {
    const page = await core.data<ActivityPage>('GET', '/api/v1/activity?tool=echo&limit=1');
    const record = await core.data<ActivityRecord>(
      'GET',
      `/api/v1/activity/${page.activities[0]!.id}`,
    );
    expect(record.arguments).toEqual({ message: 'third', api_key: '[REDACTED]' });
    expect(record.response).toContain('third');
    expect(JSON.stringify(record)).not.toContain('sk-live-should-never-be-stored');
  });

  it('summarises the last hour', async () => {
    const summary = await core.data<ActivitySummary>('GET', '/api/v1/activity/summary?period=1h');
    expect(summary.total).toBe(5);
    expect(summary.by_status).toEqual({ success: 4, error: 0, blocked: 1 });
    expect(summary.top_tools[0]).toMatchObject({
      server_name: 'everything',
      tool_name: 'echo',
      count: 3,
    });
  });

  it("answers PodWarden's audit endpoints with bare arrays", async () => {
    const entries = (
      await core.api<AuditEntry[]>('GET', `/api/v1/settings/mcp-tokens/${token.id}/audit`)
    ).body;
    expect(entries).toHaveLength(5);
    expect(entries[0]).toEqual({
      id: expect.any(String),
      token_name: 'Integration Agent',
      method: 'TOOL',
      path: '/mcp/tool/everything__get-env',
      status_code: 403,
      created_at: expect.stringMatching(/Z$/),
    });
    expect(entries.slice(1).every((entry) => entry.status_code === 200)).toBe(true);
    expect(
      (await core.api<AuditEntry[]>('GET', '/api/v1/settings/mcp-audit?limit=2')).body,
    ).toHaveLength(2);
  });

  it('exports the token’s calls as CSV and JSON Lines', async () => {
    const csv = await fetch(
      `${core.base}/api/v1/activity/export?format=csv&token=${token.id}&apikey=${core.apiKey}`,
    );
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="switchboard-activity-\d{4}-\d{2}-\d{2}-filtered\.csv"$/,
    );
    const text = await csv.text();
    expect(text.trimEnd().split('\r\n')).toHaveLength(6);
    const jsonl = await fetch(
      `${core.base}/api/v1/activity/export?format=json&include_bodies=true&token=${token.id}&apikey=${core.apiKey}`,
    );
    const rows = (await jsonl.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ActivityRecord);
    expect(rows).toHaveLength(5);
    expect(rows.find((row) => row.tool_name === 'get-sum')?.arguments).toEqual({ a: 2, b: 3 });
  });

  it('shows the upstream server, its tools, with states', async () => {
    const servers = await core.data<ServerInfo[]>('GET', '/api/v1/servers');
    expect(servers).toEqual([
      expect.objectContaining({
        name: 'everything',
        transport: 'stdio',
        status: 'ready',
        enabled: true,
        quarantined: false,
      }),
    ]);
    expect(servers[0]!.tools_count).toBeGreaterThan(5);
    const tools = await core.data<ToolInfo[]>('GET', '/api/v1/servers/everything/tools');
    expect(tools.map((tool) => tool.exposed_name)).toContain('everything__echo');
  });

  it('quarantines a server through REST: its calls are then blocked', async () => {
    expect(
      (await core.data<ServerInfo>('POST', '/api/v1/servers/everything/quarantine')).quarantined,
    ).toBe(true);
    const result = await agent.callTool({
      name: 'everything__echo',
      arguments: { message: 'while quarantined' },
    });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/^Blocked by Switchboard policy "quarantine"/);
    expect(
      (await core.data<ServerInfo>('POST', '/api/v1/servers/everything/unquarantine')).quarantined,
    ).toBe(false);
    await core.waitForTotal('type=quarantine_change', 2);
  });

  it('refuses a foreign Origin and a foreign Host on /mcp and the API', async () => {
    for (const path of ['/mcp', '/api/v1/status', '/events']) {
      const response = await fetch(core.base + path, {
        method: path === '/mcp' ? 'POST' : 'GET',
        headers: {
          Origin: 'https://evil.example',
          'X-API-Key': core.apiKey,
          Authorization: `Bearer ${token.token}`,
        },
      });
      expect(response.status, path).toBe(403);
    }
    const url = new URL(core.base);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/mcp',
          headers: { Host: 'rebind.example', Authorization: `Bearer ${token.token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
    const oauth = await fetch(`${core.base}/.well-known/oauth-protected-resource/mcp`);
    expect(oauth.status).toBe(404);
  });

  it('opens the API to the UI link’s cookie', async () => {
    const login = await fetch(core.switchboard.urls.ui, { redirect: 'manual' });
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/');
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(
      (await fetch(`${core.base}/api/v1/activity`, { headers: { Cookie: cookie } })).status,
    ).toBe(200);
    expect((await fetch(`${core.base}/api/v1/activity`)).status).toBe(401);
  });

  it('clears the log and records who cleared it', async () => {
    const { deleted } = await core.data<{ deleted: number }>('DELETE', '/api/v1/activity?all=true');
    expect(deleted).toBeGreaterThanOrEqual(5);
    const page = await core.data<ActivityPage>('GET', '/api/v1/activity');
    expect(page.total).toBe(1);
    expect(page.activities[0]).toMatchObject({
      type: 'server_change',
      server_name: null,
      reason: `Activity log cleared (${deleted} records) via REST`,
      metadata: { action: 'clear_log', all: true, deleted, via: 'rest' },
    });
  });
});
