/**
 * Every REST endpoint of SPEC 7 and every bad parameter, against the real core parts (config
 * file, SQLite, record queue, tokens, server admin, upstream manager with server-everything).
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityPage,
  ActivityRecord,
  ActivitySummary,
} from '../../../../src/shared/activity';
import type {
  AuditEntry,
  CreatedMcpToken,
  McpTokenInfo,
  ServerInfo,
  ToolInfo,
} from '../../../../src/shared/servers';
import { createHttpServer, type SwitchboardHttpServer } from '../../../../src/main/core/http';
import { createCoreParts, type CoreParts } from './support/coreParts';
import { rawRequest, type RawResponse } from './support/rawHttp';
import { makeRecord } from './support/records';

const EVERYTHING = resolve('node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const noGateway = { handleRequest: async (): Promise<void> => undefined };

describe('REST API', () => {
  let core: CoreParts;
  let http: SwitchboardHttpServer;
  let port: number;
  let token: CreatedMcpToken;
  const records: ActivityRecord[] = [];

  const api = (method: string, path: string, body?: unknown): Promise<RawResponse> =>
    rawRequest(port, {
      method,
      path,
      headers: { 'X-API-Key': core.apiKey, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const data = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await api(method, path, body);
    expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
    const parsed = response.json<{ success: boolean; data: T }>();
    expect(parsed.success).toBe(true);
    return parsed.data;
  };
  const failure = async (
    method: string,
    path: string,
    status: number,
    body?: unknown,
  ): Promise<string> => {
    const response = await api(method, path, body);
    expect(response.status, `${method} ${path}: ${response.text}`).toBe(status);
    const parsed = response.json<{ success: boolean; error: string }>();
    expect(Object.keys(parsed).sort()).toEqual(['error', 'success']);
    expect(parsed.success).toBe(false);
    return parsed.error;
  };

  beforeAll(async () => {
    core = await createCoreParts({
      mcpServers: {
        everything: {
          command: process.execPath,
          args: [EVERYTHING, 'stdio'],
          env: { SECRET_TOKEN: 'abcdef123459' },
        },
      },
      policies: [{ id: 'no-env', effect: 'block', tool: 'get-env', reason: 'env stays private' }],
    });
    http = createHttpServer({
      switchboard: core.switchboard,
      gateway: noGateway,
      listen: '127.0.0.1:0',
    });
    ({ port } = await http.listen());
    token = core.switchboard.tokens.create('Claude Desktop');
    const base = Date.parse('2026-11-20T12:00:00.000Z');
    for (let i = 0; i < 30; i++) {
      const status = i % 10 === 9 ? 'blocked' : i % 5 === 4 ? 'error' : 'success';
      records.push(
        makeRecord({
          type: status === 'blocked' ? 'policy_decision' : 'tool_call',
          timestamp: new Date(base + i * 60_000).toISOString(),
          server_name: i % 2 === 0 ? 'everything' : 'files',
          tool_name: i % 3 === 0 ? 'echo' : 'add',
          status,
          error_kind: status === 'error' ? 'tool_error' : null,
          error_message: status === 'error' ? 'it failed' : null,
          policy_id: status === 'blocked' ? 'no-env' : null,
          reason: status === 'blocked' ? 'env stays private' : null,
          session_id: i < 15 ? 'session-a' : 'session-b',
          token_id: i < 10 ? token.id : null,
          token_name: i < 10 ? token.name : null,
          arguments: { message: `needle-${i}` },
        }),
      );
    }
    for (const record of records) core.switchboard.recorder.enqueue(record);
    await core.switchboard.recorder.flush();
  });
  afterAll(async () => {
    await http?.close();
    await core?.dispose();
  });

  it('GET /api/v1/status', async () => {
    const status = await data<{ pid: number; queue: unknown; database: { records: number } }>(
      'GET',
      '/api/v1/status',
    );
    expect(status.pid).toBe(process.pid);
    expect(status.database.records).toBeGreaterThanOrEqual(30);
    expect(status.queue).toEqual({ records: 0, bytes: 0 });
  });

  describe('GET /api/v1/activity', () => {
    it('lists newest first without bodies, in the MCPProxy envelope', async () => {
      const response = await api('GET', '/api/v1/activity?limit=5');
      const body = response.json<{ success: true; data: ActivityPage }>();
      expect(Object.keys(body.data).sort()).toEqual([
        'activities',
        'limit',
        'next_cursor',
        'offset',
        'total',
      ]);
      expect(body.data).toMatchObject({ total: 30, limit: 5, offset: 0 });
      expect(body.data.activities.map((row) => row.id)).toEqual(
        records
          .slice(-5)
          .reverse()
          .map((r) => r.id),
      );
      expect(body.data.activities[0]).not.toHaveProperty('arguments');
      expect(body.data.activities[0]).not.toHaveProperty('response');
      expect(body.data.next_cursor).toEqual(expect.any(String));
    });

    it('defaults to 50 and pages by offset and by cursor alike', async () => {
      expect((await data<ActivityPage>('GET', '/api/v1/activity')).limit).toBe(50);
      const byOffset = await data<ActivityPage>('GET', '/api/v1/activity?limit=7&offset=7');
      const first = await data<ActivityPage>('GET', '/api/v1/activity?limit=7');
      const byCursor = await data<ActivityPage>(
        'GET',
        `/api/v1/activity?limit=7&cursor=${first.next_cursor ?? ''}`,
      );
      expect(byCursor.activities.map((r) => r.id)).toEqual(byOffset.activities.map((r) => r.id));
      const last = await data<ActivityPage>('GET', '/api/v1/activity?limit=100');
      expect(last.next_cursor).toBeNull();
    });

    it.each([
      ['type=policy_decision', 3],
      ['type=tool_call,policy_decision', 30],
      ['status=error', 3],
      ['status=error,blocked', 6],
      ['status=error&status=blocked', 6],
      ['server=files', 15],
      ['tool=echo', 10],
      ['session_id=session-b', 15],
      [`token=${token?.id ?? ''}`, 10],
      ['token=Claude%20Desktop', 10],
      ['start_time=2026-11-20T12:10:00Z', 20],
      ['end_time=2026-11-20T12:10:00Z', 10],
      ['start_time=2026-11-20T12:10:00Z&end_time=2026-11-20T12:20:00%2B00:00', 10],
      ['q=needle-3', 1],
      // The last word is a prefix (SPEC 5): needle-2, needle-20 ... needle-29.
      ['q=needle-2', 11],
      ['q=needle', 30],
      ['server=files&status=success&unknown_parameter=1', 12],
    ])('filters %s', async (query, total) => {
      // token is created in beforeAll; rebuild the query for the id case.
      const resolved =
        query.startsWith('token=') && !query.includes('Claude') ? `token=${token.id}` : query;
      expect((await data<ActivityPage>('GET', `/api/v1/activity?${resolved}`)).total).toBe(total);
    });

    it.each([
      ['limit=500', 'limit: expected an integer from 1 to 100, got "500"'],
      ['limit=0', 'limit: expected an integer from 1 to 100, got "0"'],
      ['offset=-3', 'offset: expected a non-negative integer, got "-3"'],
      [
        'type=foo',
        'type: expected one of tool_call, policy_decision, quarantine_change, server_change, got "foo"',
      ],
      ['status=fine', 'status: expected one of success, error, blocked, got "fine"'],
      [
        'start_time=yesterday',
        'start_time: expected an RFC 3339 time such as 2026-11-23T15:04:05Z, got "yesterday"',
      ],
      [
        'end_time=2026-02-30',
        'end_time: expected an RFC 3339 time such as 2026-11-23T15:04:05Z, got "2026-02-30"',
      ],
      [
        'cursor=garbage',
        'cursor: not a cursor from a previous page; pass next_cursor back unchanged',
      ],
      ['cursor=abc&offset=5', 'cursor: cannot be combined with offset; pass one of them'],
      [`q=${'x'.repeat(1001)}`, 'q: expected at most 1000 characters, got 1001'],
    ])('400 for %s', async (query, message) => {
      expect(await failure('GET', `/api/v1/activity?${query}`, 400)).toBe(message);
    });
  });

  it('GET /api/v1/activity/{id}: the full record, or 404', async () => {
    const record = records[3]!;
    const detail = await data<ActivityRecord>('GET', `/api/v1/activity/${record.id}`);
    expect(detail).toEqual(record);
    expect(await failure('GET', '/api/v1/activity/01JDQNOSUCHRECORD000000000', 404)).toBe(
      'activity record "01JDQNOSUCHRECORD000000000" not found (it may have been cleared or removed by retention)',
    );
  });

  describe('GET /api/v1/activity/summary', () => {
    it('summarises a period with the list filters', async () => {
      const summary = await data<ActivitySummary>(
        'GET',
        '/api/v1/activity/summary?period=30d&server=everything',
      );
      expect(summary.period).toBe('30d');
      expect(summary.total).toBeLessThanOrEqual(15);
      expect(Object.keys(summary)).toEqual(
        expect.arrayContaining([
          'period',
          'from',
          'to',
          'total',
          'by_status',
          'by_type',
          'top_servers',
          'top_tools',
          'timeline',
        ]),
      );
      expect((await data<ActivitySummary>('GET', '/api/v1/activity/summary')).period).toBe('24h');
    });
    it('400 for a bad period or filter', async () => {
      expect(await failure('GET', '/api/v1/activity/summary?period=2d', 400)).toBe(
        'period: expected one of 1h, 24h, 7d, 30d, got "2d"',
      );
      expect(await failure('GET', '/api/v1/activity/summary?status=nope', 400)).toMatch(
        /^status: expected one of/,
      );
    });
  });

  describe('GET /api/v1/activity/export', () => {
    it('streams CSV with a header row, a dated attachment name and filters applied', async () => {
      const response = await api('GET', '/api/v1/activity/export?format=csv&server=files');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="switchboard-activity-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = response.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'id,type,timestamp,server_name,tool_name,status,error_kind,error_message,duration_ms,session_id,client_name,token_name,policy_id,reason,response_truncated,request_bytes,response_bytes',
      );
      expect(lines).toHaveLength(16);
    });

    it('streams JSON Lines for json and jsonl, bodies only with include_bodies=true', async () => {
      for (const format of ['json', 'jsonl']) {
        const response = await api('GET', `/api/v1/activity/export?format=${format}`);
        expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
        expect(response.headers['content-disposition']).toMatch(
          /filename="switchboard-activity-\d{4}-\d{2}-\d{2}\.jsonl"$/,
        );
        const rows = response.text
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(rows.length).toBeGreaterThanOrEqual(30);
        expect(rows[0]).not.toHaveProperty('arguments');
      }
      const withBodies = await api(
        'GET',
        '/api/v1/activity/export?format=jsonl&include_bodies=true&q=needle-4',
      );
      expect(JSON.parse(withBodies.text.trim())).toEqual(records[4]);
      const csv = await api(
        'GET',
        '/api/v1/activity/export?format=csv&include_bodies=true&q=needle-4',
      );
      expect(csv.text.split('\r\n')[0]).toMatch(/,response_bytes,arguments,response$/);
    });

    it('400 for a bad format, include_bodies or filter', async () => {
      expect(await failure('GET', '/api/v1/activity/export?format=xml', 400)).toBe(
        'format: expected one of json, jsonl, csv, got "xml"',
      );
      expect(await failure('GET', '/api/v1/activity/export?include_bodies=maybe', 400)).toBe(
        'include_bodies: expected true or false, got "maybe"',
      );
      expect(await failure('GET', '/api/v1/activity/export?type=x', 400)).toMatch(
        /^type: expected one of/,
      );
    });
  });

  describe('MCP tokens and audit', () => {
    it('lists tokens without secrets', async () => {
      const tokens = await data<McpTokenInfo[]>('GET', '/api/v1/settings/mcp-tokens');
      expect(tokens).toContainEqual({
        id: token.id,
        name: 'Claude Desktop',
        created_at: token.created_at,
        last_used_at: null,
        revoked: false,
      });
      expect(JSON.stringify(tokens)).not.toContain('swb_');
    });

    it('creates a token and shows its secret once', async () => {
      const response = await api('POST', '/api/v1/settings/mcp-tokens', { name: 'Cursor' });
      expect(response.status).toBe(201);
      const created = response.json<{ data: CreatedMcpToken }>().data;
      expect(Object.keys(created).sort()).toEqual(['created_at', 'id', 'name', 'token']);
      expect(created.token).toMatch(/^swb_[A-Za-z0-9_-]{43}$/);
      expect(core.switchboard.tokens.verify(created.token)?.id).toBe(created.id);
    });

    it('400 for a missing, empty or non-string name, and for malformed JSON', async () => {
      expect(await failure('POST', '/api/v1/settings/mcp-tokens', 400, {})).toBe(
        'name: expected a non-empty string naming the agent (e.g. {"name": "Claude Desktop"}), got nothing',
      );
      expect(await failure('POST', '/api/v1/settings/mcp-tokens', 400, { name: '  ' })).toMatch(
        /got an empty string$/,
      );
      expect(await failure('POST', '/api/v1/settings/mcp-tokens', 400, { name: 5 })).toMatch(
        /got a number$/,
      );
      expect(await failure('POST', '/api/v1/settings/mcp-tokens', 400, '[1]')).toBe(
        'body: expected a JSON object, got an array',
      );
      expect(await failure('POST', '/api/v1/settings/mcp-tokens', 400, '{"name":')).toMatch(
        /^body: invalid JSON \(/,
      );
    });

    it('revokes a token; 404 for an unknown one', async () => {
      const created = core.switchboard.tokens.create('to revoke');
      expect(await data('DELETE', `/api/v1/settings/mcp-tokens/${created.id}`)).toEqual({
        id: created.id,
        revoked: true,
      });
      expect(core.switchboard.tokens.verify(created.token)).toBeNull();
      expect(await failure('DELETE', '/api/v1/settings/mcp-tokens/nope', 404)).toBe(
        'MCP token "nope" not found: see GET /api/v1/settings/mcp-tokens for the token ids',
      );
    });

    it("GET .../mcp-tokens/{id}/audit: that token's entries as a bare array in PodWarden's shape", async () => {
      const response = await api('GET', `/api/v1/settings/mcp-tokens/${token.id}/audit?limit=4`);
      const entries = response.json<AuditEntry[]>();
      expect(Array.isArray(entries)).toBe(true);
      expect(entries).toHaveLength(4);
      expect(Object.keys(entries[0]!).sort()).toEqual([
        'created_at',
        'id',
        'method',
        'path',
        'status_code',
        'token_name',
      ]);
      expect(entries[0]).toMatchObject({
        id: records[9]!.id,
        method: 'TOOL',
        status_code: 403,
        token_name: 'Claude Desktop',
      });
      expect(entries[1]).toMatchObject({ path: '/mcp/tool/everything__add', status_code: 200 });
      expect(
        (await api('GET', `/api/v1/settings/mcp-tokens/${token.id}/audit`)).json<AuditEntry[]>(),
      ).toHaveLength(10);
    });

    it('404 for an unknown token, 400 for a bad limit', async () => {
      expect(await failure('GET', '/api/v1/settings/mcp-tokens/unknown/audit', 404)).toMatch(
        /^MCP token "unknown" not found/,
      );
      expect(
        await failure('GET', `/api/v1/settings/mcp-tokens/${token.id}/audit?limit=ten`, 400),
      ).toBe('limit: expected an integer of at least 1, got "ten"');
    });

    it('GET /api/v1/settings/mcp-audit: all tokens, default 100, over 500 cut to 500, non-integers 400', async () => {
      const all = (await api('GET', '/api/v1/settings/mcp-audit')).json<AuditEntry[]>();
      expect(all).toHaveLength(30);
      expect(all.filter((entry) => entry.status_code === 500)).toHaveLength(3);
      expect(
        (await api('GET', '/api/v1/settings/mcp-audit?limit=2')).json<AuditEntry[]>(),
      ).toHaveLength(2);
      expect((await api('GET', '/api/v1/settings/mcp-audit?limit=100000')).status).toBe(200);
      expect(await failure('GET', '/api/v1/settings/mcp-audit?limit=1.5', 400)).toBe(
        'limit: expected an integer of at least 1, got "1.5"',
      );
    });
  });

  describe('servers', () => {
    it('lists servers with secrets masked, and one server', async () => {
      const servers = await data<ServerInfo[]>('GET', '/api/v1/servers');
      expect(servers.map((s) => s.name)).toEqual(['everything']);
      expect(servers[0]).toMatchObject({
        name: 'everything',
        transport: 'stdio',
        command: process.execPath,
        enabled: true,
        quarantined: false,
      });
      expect(servers[0]!.env).toEqual({ SECRET_TOKEN: '••••59' });
      expect(JSON.stringify(servers)).not.toContain('abcdef123459');
      expect((await data<ServerInfo>('GET', '/api/v1/servers/everything')).name).toBe('everything');
      expect(await failure('GET', '/api/v1/servers/nope', 404)).toBe(
        'server "nope" not found: see GET /api/v1/servers for the configured names',
      );
    });

    it("GET /api/v1/servers/{name}/tools: the upstream's tools with exposed names", async () => {
      await waitFor(
        async () =>
          (await data<ServerInfo>('GET', '/api/v1/servers/everything')).status === 'ready',
      );
      const tools = await data<ToolInfo[]>('GET', '/api/v1/servers/everything/tools');
      const echo = tools.find((tool) => tool.name === 'echo');
      expect(echo).toMatchObject({
        exposed_name: 'everything__echo',
        input_schema: expect.objectContaining({ type: 'object' }),
      });
      expect(await failure('GET', '/api/v1/servers/nope/tools', 404)).toMatch(
        /^server "nope" not found/,
      );
    });

    it('adds, patches, acts on and removes a server', async () => {
      const added = await api('POST', '/api/v1/servers', {
        name: 'second',
        command: process.execPath,
        args: [EVERYTHING, 'stdio'],
        enabled: false,
      });
      expect(added.status).toBe(201);
      expect(added.json<{ data: ServerInfo }>().data).toMatchObject({
        name: 'second',
        enabled: false,
        status: 'disabled',
      });
      expect(
        (await data<ServerInfo>('PATCH', '/api/v1/servers/second', { timeout_ms: 5000 }))
          .timeout_ms,
      ).toBe(5000);
      expect(
        (await data<ServerInfo>('POST', '/api/v1/servers/second/quarantine')).quarantined,
      ).toBe(true);
      expect(
        (await data<ServerInfo>('POST', '/api/v1/servers/second/unquarantine')).quarantined,
      ).toBe(false);
      expect((await data<ServerInfo>('POST', '/api/v1/servers/second/enable')).enabled).toBe(true);
      expect((await data<ServerInfo>('POST', '/api/v1/servers/second/disable')).enabled).toBe(
        false,
      );
      expect(await data('DELETE', '/api/v1/servers/second')).toEqual({
        name: 'second',
        removed: true,
      });
      expect(await failure('GET', '/api/v1/servers/second', 404)).toMatch(/not found/);
    });

    it('restarts a server', async () => {
      expect((await data<ServerInfo>('POST', '/api/v1/servers/everything/restart')).name).toBe(
        'everything',
      );
    });

    it('400 with the config error for an invalid entry; 404 for unknown servers and actions', async () => {
      expect(await failure('POST', '/api/v1/servers', 400, { command: 'x' })).toMatch(
        /^name: expected the server name/,
      );
      expect(await failure('POST', '/api/v1/servers', 400, { name: 'bad', command: 42 })).toMatch(
        /mcpServers\.bad\.command: expected a string/,
      );
      expect(await failure('POST', '/api/v1/servers', 400, { name: 'a__b', command: 'x' })).toMatch(
        /a__b/,
      );
      expect(
        await failure('PATCH', '/api/v1/servers/everything', 400, { args: 'not-a-list' }),
      ).toMatch(/mcpServers\.everything\.args/);
      expect(await failure('PATCH', '/api/v1/servers/nope', 404, { enabled: false })).toMatch(
        /^server "nope" not found/,
      );
      expect(await failure('DELETE', '/api/v1/servers/nope', 404)).toMatch(
        /^server "nope" not found/,
      );
      expect(await failure('POST', '/api/v1/servers/nope/restart', 404)).toMatch(
        /^server "nope" not found/,
      );
      expect(await failure('POST', '/api/v1/servers/everything/explode', 404)).toBe(
        'no server action "explode": expected one of restart, enable, disable, quarantine, unquarantine',
      );
    });
  });

  describe('policies', () => {
    it('GET and PUT the ordered rule list', async () => {
      expect(await data('GET', '/api/v1/policies')).toEqual([
        { id: 'no-env', effect: 'block', tool: 'get-env', reason: 'env stays private' },
      ]);
      const rules = [
        {
          id: 'no-deletes',
          effect: 'block',
          server: '*',
          tool: 'delete_*',
          reason: 'Deletions need a human',
        },
        { id: 'no-env', effect: 'block', tool: 'get-env', reason: 'env stays private' },
      ];
      expect(await data('PUT', '/api/v1/policies', rules)).toEqual(rules);
      expect(await data('GET', '/api/v1/policies')).toEqual(rules);
    });

    it('400 with the reason for an invalid list; the old list stays', async () => {
      const before = await data('GET', '/api/v1/policies');
      expect(await failure('PUT', '/api/v1/policies', 400, [{ id: 'x', effect: 'maybe' }])).toMatch(
        /policies\[0\]\.effect/,
      );
      expect(await failure('PUT', '/api/v1/policies', 400, { id: 'x' })).toBe(
        'body: expected the array of policy rules (as "policies" in mcp_config.json), got an object',
      );
      expect(await data('GET', '/api/v1/policies')).toEqual(before);
    });
  });

  describe('settings', () => {
    it('GET and PATCH the activity settings', async () => {
      const settings = await data<Record<string, unknown>>('GET', '/api/v1/settings');
      expect(Object.keys(settings).sort()).toEqual([
        'activity_cleanup_interval_min',
        'activity_max_records',
        'activity_max_response_size',
        'activity_max_size_mb',
        'activity_retention_days',
        'redact_keys',
      ]);
      const updated = await data<Record<string, unknown>>('PATCH', '/api/v1/settings', {
        activity_retention_days: 30,
        redact_keys: ['password'],
      });
      expect(updated).toMatchObject({ activity_retention_days: 30, redact_keys: ['password'] });
    });

    it('400 naming a key this endpoint does not change, or an invalid value', async () => {
      expect(await failure('PATCH', '/api/v1/settings', 400, { listen: '0.0.0.0:80' })).toBe(
        'listen: not a setting this endpoint changes; expected one of activity_retention_days, activity_max_records, activity_max_size_mb, activity_max_response_size, activity_cleanup_interval_min, redact_keys',
      );
      expect(
        await failure('PATCH', '/api/v1/settings', 400, { activity_retention_days: 'soon' }),
      ).toMatch(/activity_retention_days|expected/);
      expect(
        (await data<Record<string, unknown>>('GET', '/api/v1/settings')).activity_retention_days,
      ).toBe(30);
    });
  });

  describe('DELETE /api/v1/activity', () => {
    it('400 when neither before nor all is given, or both', async () => {
      expect(await failure('DELETE', '/api/v1/activity', 400)).toBe(
        'before: expected before=<RFC 3339 time> (clears records older than it) or all=true (clears everything)',
      );
      expect(
        await failure('DELETE', '/api/v1/activity?before=2026-11-20T12:10:00Z&all=true', 400),
      ).toBe('all: cannot be combined with before; pass one of them');
      expect(await failure('DELETE', '/api/v1/activity?before=last-week', 400)).toMatch(
        /^before: expected an RFC 3339 time/,
      );
    });

    it('clears before a time and records who cleared what', async () => {
      const result = await data<{ deleted: number }>(
        'DELETE',
        '/api/v1/activity?before=2026-11-20T12:10:00Z',
      );
      expect(result).toEqual({ deleted: 10 });
      const page = await data<ActivityPage>('GET', '/api/v1/activity?type=server_change&limit=100');
      const cleared = page.activities.find((row) => row.metadata.action === 'clear_log');
      expect(cleared).toMatchObject({
        type: 'server_change',
        server_name: null,
        status: 'success',
        reason: 'Activity log cleared (10 records) via REST',
        metadata: {
          action: 'clear_log',
          before: '2026-11-20T12:10:00.000Z',
          deleted: 10,
          via: 'rest',
        },
      });
    });

    it('clears everything with all=true, leaving only the record of the clear', async () => {
      const result = await data<{ deleted: number }>('DELETE', '/api/v1/activity?all=true');
      expect(result.deleted).toBeGreaterThanOrEqual(20);
      const page = await data<ActivityPage>('GET', '/api/v1/activity');
      expect(page.total).toBe(1);
      expect(page.activities[0]).toMatchObject({
        reason: `Activity log cleared (${result.deleted} records) via REST`,
        metadata: { all: true },
      });
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
