/** MCP tokens and PodWarden's audit endpoints. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../../src/shared/activity';
import type { AuditEntry, CreatedMcpToken, McpTokenInfo } from '../../../../src/shared/servers';
import { seedThirtyRecords, startApiFixture, type ApiFixture } from './support/apiFixture';

describe('token endpoints', () => {
  let f: ApiFixture;
  let token: CreatedMcpToken;
  let records: ActivityRecord[] = [];

  beforeAll(async () => {
    f = await startApiFixture();
    token = f.core.switchboard.tokens.create('Claude Desktop');
    records = await seedThirtyRecords(f.core, token);
  });
  afterAll(async () => {
    await f?.close();
  });

  describe('MCP tokens and audit', () => {
    it('lists tokens without secrets', async () => {
      const tokens = await f.data<McpTokenInfo[]>('GET', '/api/v1/settings/mcp-tokens');
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
      const response = await f.api('POST', '/api/v1/settings/mcp-tokens', { name: 'Cursor' });
      expect(response.status).toBe(201);
      const created = response.json<{ data: CreatedMcpToken }>().data;
      expect(Object.keys(created).sort()).toEqual(['created_at', 'id', 'name', 'token']);
      expect(created.token).toMatch(/^swb_[A-Za-z0-9_-]{43}$/);
      expect(f.core.switchboard.tokens.verify(created.token)?.id).toBe(created.id);
    });

    it('400 for a missing, empty or non-string name, and for malformed JSON', async () => {
      expect(await f.failure('POST', '/api/v1/settings/mcp-tokens', 400, {})).toBe(
        'name: expected a non-empty string naming the agent (e.g. {"name": "Claude Desktop"}), got nothing',
      );
      expect(await f.failure('POST', '/api/v1/settings/mcp-tokens', 400, { name: '  ' })).toMatch(
        /got an empty string$/,
      );
      expect(await f.failure('POST', '/api/v1/settings/mcp-tokens', 400, { name: 5 })).toMatch(
        /got a number$/,
      );
      expect(await f.failure('POST', '/api/v1/settings/mcp-tokens', 400, '[1]')).toBe(
        'body: expected a JSON object, got an array',
      );
      expect(await f.failure('POST', '/api/v1/settings/mcp-tokens', 400, '{"name":')).toMatch(
        /^body: invalid JSON \(/,
      );
    });

    it('revokes a token; 404 for an unknown one', async () => {
      const created = f.core.switchboard.tokens.create('to revoke');
      expect(await f.data('DELETE', `/api/v1/settings/mcp-tokens/${created.id}`)).toEqual({
        id: created.id,
        revoked: true,
      });
      expect(f.core.switchboard.tokens.verify(created.token)).toBeNull();
      expect(await f.failure('DELETE', '/api/v1/settings/mcp-tokens/nope', 404)).toBe(
        'No MCP token has the id "nope": use a token\'s id (its name is not enough), as the Tokens view and `switchboard tokens list` show it.',
      );
    });

    it("GET .../mcp-tokens/{id}/audit: that token's entries as a bare array in PodWarden's shape", async () => {
      const response = await f.api('GET', `/api/v1/settings/mcp-tokens/${token.id}/audit?limit=4`);
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
        (await f.api('GET', `/api/v1/settings/mcp-tokens/${token.id}/audit`)).json<AuditEntry[]>(),
      ).toHaveLength(10);
    });

    it('404 for an unknown token, 400 for a bad limit', async () => {
      expect(await f.failure('GET', '/api/v1/settings/mcp-tokens/unknown/audit', 404)).toMatch(
        /^No MCP token has the id "unknown"/,
      );
      expect(
        await f.failure('GET', `/api/v1/settings/mcp-tokens/${token.id}/audit?limit=ten`, 400),
      ).toBe('limit: expected an integer of at least 1, got "ten"');
    });

    it('GET /api/v1/settings/mcp-audit: all tokens, default 100, over 500 cut to 500, non-integers 400', async () => {
      const all = (await f.api('GET', '/api/v1/settings/mcp-audit')).json<AuditEntry[]>();
      expect(all).toHaveLength(30);
      expect(all.filter((entry) => entry.status_code === 500)).toHaveLength(3);
      expect(
        (await f.api('GET', '/api/v1/settings/mcp-audit?limit=2')).json<AuditEntry[]>(),
      ).toHaveLength(2);
      expect((await f.api('GET', '/api/v1/settings/mcp-audit?limit=100000')).status).toBe(200);
      expect(await f.failure('GET', '/api/v1/settings/mcp-audit?limit=1.5', 400)).toBe(
        'limit: expected an integer of at least 1, got "1.5"',
      );
    });
  });
});
