/** `/api/v1/servers*` against a real upstream manager running server-everything over stdio. */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerInfo, ToolInfo } from '../../../../src/shared/servers';
import { startApiFixture, type ApiFixture } from './support/apiFixture';
import { whenEvent } from '../../../support/waitFor';

const EVERYTHING = resolve('node_modules/@modelcontextprotocol/server-everything/dist/index.js');

describe('server endpoints', () => {
  let f: ApiFixture;

  beforeAll(async () => {
    f = await startApiFixture({
      mcpServers: {
        everything: {
          command: process.execPath,
          args: [EVERYTHING, 'stdio'],
          env: { SECRET_TOKEN: 'abcdef123459' },
        },
      },
    });
  });
  afterAll(async () => {
    await f?.close();
  });

  describe('servers', () => {
    it('lists servers with secrets masked, and one server', async () => {
      const servers = await f.data<ServerInfo[]>('GET', '/api/v1/servers');
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
      expect((await f.data<ServerInfo>('GET', '/api/v1/servers/everything')).name).toBe(
        'everything',
      );
      expect(await f.failure('GET', '/api/v1/servers/nope', 404)).toBe(
        'No server is named "nope": the configured servers are "everything".',
      );
    });

    it("GET /api/v1/servers/{name}/tools: the upstream's tools with exposed names", async () => {
      await whenEvent(
        (listener) => f.core.switchboard.upstreams.onDidChange(listener),
        async () =>
          (await f.data<ServerInfo>('GET', '/api/v1/servers/everything')).status === 'ready',
        'everything ready',
      );
      const tools = await f.data<ToolInfo[]>('GET', '/api/v1/servers/everything/tools');
      const echo = tools.find((tool) => tool.name === 'echo');
      expect(echo).toMatchObject({
        exposed_name: 'everything__echo',
        input_schema: expect.objectContaining({ type: 'object' }),
      });
      expect(await f.failure('GET', '/api/v1/servers/nope/tools', 404)).toMatch(
        /^No server is named "nope"/,
      );
    });

    it('adds, patches, acts on and removes a server', async () => {
      const added = await f.api('POST', '/api/v1/servers', {
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
        (await f.data<ServerInfo>('PATCH', '/api/v1/servers/second', { timeout_ms: 5000 }))
          .timeout_ms,
      ).toBe(5000);
      expect(
        (await f.data<ServerInfo>('POST', '/api/v1/servers/second/quarantine')).quarantined,
      ).toBe(true);
      expect(
        (await f.data<ServerInfo>('POST', '/api/v1/servers/second/unquarantine')).quarantined,
      ).toBe(false);
      expect((await f.data<ServerInfo>('POST', '/api/v1/servers/second/enable')).enabled).toBe(
        true,
      );
      expect((await f.data<ServerInfo>('POST', '/api/v1/servers/second/disable')).enabled).toBe(
        false,
      );
      expect(await f.data('DELETE', '/api/v1/servers/second')).toEqual({
        name: 'second',
        removed: true,
      });
      expect(await f.failure('GET', '/api/v1/servers/second', 404)).toMatch(
        /No server is named "second"/,
      );
    });

    it('imports the mcpServers of a Claude Desktop file, skipping names that exist', async () => {
      const result = await f.data<{ added: string[]; skipped: string[] }>(
        'POST',
        '/api/v1/servers/import',
        {
          mcpServers: {
            everything: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything'] },
            imported: { command: process.execPath, args: [EVERYTHING, 'stdio'], disabled: true },
          },
        },
      );
      expect(result).toEqual({ added: ['imported'], skipped: ['everything'] });
      expect((await f.data<ServerInfo>('GET', '/api/v1/servers/imported')).enabled).toBe(false);
      await f.data('DELETE', '/api/v1/servers/imported');
      expect(await f.failure('POST', '/api/v1/servers/import', 400, '[]')).toBe(
        'body: expected a JSON object, got an array',
      );
    });

    it('restarts a server', async () => {
      expect((await f.data<ServerInfo>('POST', '/api/v1/servers/everything/restart')).name).toBe(
        'everything',
      );
    });

    it('400 with the config error for an invalid entry; 404 for unknown servers and actions', async () => {
      expect(await f.failure('POST', '/api/v1/servers', 400, { command: 'x' })).toMatch(
        /^name: expected the server name/,
      );
      expect(await f.failure('POST', '/api/v1/servers', 400, { name: 'bad', command: 42 })).toMatch(
        /mcpServers\.bad\.command: expected a string/,
      );
      expect(
        await f.failure('POST', '/api/v1/servers', 400, { name: 'a__b', command: 'x' }),
      ).toMatch(/a__b/);
      expect(
        await f.failure('PATCH', '/api/v1/servers/everything', 400, { args: 'not-a-list' }),
      ).toMatch(/mcpServers\.everything\.args/);
      expect(await f.failure('PATCH', '/api/v1/servers/nope', 404, { enabled: false })).toMatch(
        /^No server is named "nope"/,
      );
      expect(await f.failure('DELETE', '/api/v1/servers/nope', 404)).toMatch(
        /^No server is named "nope"/,
      );
      expect(await f.failure('POST', '/api/v1/servers/nope/restart', 404)).toMatch(
        /^No server is named "nope"/,
      );
      expect(await f.failure('POST', '/api/v1/servers/everything/explode', 404)).toBe(
        'no server action "explode": expected one of restart, enable, disable, quarantine, unquarantine',
      );
    });
  });
});
