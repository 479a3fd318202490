import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../../src/shared/activity';
import { ConfigError, loadConfigStore } from '../../../../src/main/core/config';
import type { ConfigStore, RawConfig } from '../../../../src/main/core/config';
import { ConflictError, NotFoundError, createServerAdmin } from '../../../../src/main/core/servers';
import type { ServerAdmin } from '../../../../src/main/core/servers';
import type { UpstreamState } from '../../../../src/main/core/upstreams/contracts';

/** The upstream side is stubbed: only the two methods ServerAdmin calls, recording restarts. */
class StubUpstreams {
  restarted: string[] = [];
  failRestart: Error | null = null;
  live = new Map<string, UpstreamState>();
  state(name: string): UpstreamState | undefined {
    return this.live.get(name);
  }
  async restart(name: string): Promise<void> {
    if (this.failRestart) throw this.failRestart;
    this.restarted.push(name);
  }
}

let dir: string;
let config: ConfigStore;
let upstreams: StubUpstreams;
let records: ActivityRecord[];
let admin: ServerAdmin;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swb-servers-'));
  config = await loadConfigStore({
    dataDir: dir,
    watch: false,
    env: { SECRET: 'super-secret-value-59' },
  });
  upstreams = new StubUpstreams();
  records = [];
  admin = createServerAdmin({ config, upstreams, recorder: { enqueue: (r) => records.push(r) } });
});

afterEach(async () => {
  config.close();
  await rm(dir, { recursive: true, force: true });
});

async function fileServers(): Promise<Record<string, Record<string, unknown>>> {
  const raw = JSON.parse(await readFile(config.path, 'utf8')) as RawConfig;
  return raw.mcpServers as Record<string, Record<string, unknown>>;
}

describe('ServerAdmin against a real ConfigStore (upstream side stubbed)', () => {
  it('add writes the entry, records server_change add, and returns masked info', async () => {
    const info = await admin.add('everything', {
      command: 'node',
      args: ['e.js'],
      env: { TOKEN: '${env:SECRET}' },
    });
    expect(info).toMatchObject({
      name: 'everything',
      transport: 'stdio',
      command: 'node',
      args: ['e.js'],
      env: { TOKEN: '••••59' },
      enabled: true,
      quarantined: false,
      status: 'connecting',
      tools_count: 0,
    });
    expect((await fileServers()).everything).toEqual({
      command: 'node',
      args: ['e.js'],
      env: { TOKEN: '${env:SECRET}' },
    });
    expect(records).toHaveLength(1);
    const record = records[0];
    expect(record).toMatchObject({
      type: 'server_change',
      server_name: 'everything',
      status: 'success',
      metadata: { action: 'add' },
    });
    expect(record?.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(record?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(record?.tool_name).toBeNull();
    expect(record?.arguments).toBeNull();
  });

  it('add takes the live state from the upstreams when they have it', async () => {
    upstreams.live.set('remote', { status: 'ready', tools_count: 7, error: null });
    const info = await admin.add('remote', {
      url: 'https://example.com/mcp',
      headers: { Authorization: 'Bearer abcdefgh12' },
    });
    expect(info).toMatchObject({
      transport: 'streamable-http',
      url: 'https://example.com/mcp',
      headers: { Authorization: '••••12' },
      status: 'ready',
      tools_count: 7,
    });
  });

  it('add refuses a taken name (ConflictError) and an invalid entry (ConfigError) without writing', async () => {
    await admin.add('a', { command: 'node' });
    const before = await readFile(config.path, 'utf8');
    await expect(admin.add('a', { command: 'x' })).rejects.toBeInstanceOf(ConflictError);
    await expect(admin.add('b', { command: 5 } as never)).rejects.toThrow(
      /mcp_config\.json: mcpServers\.b\.command: expected a string, got a number/,
    );
    await expect(admin.add('bad name', { command: 'x' })).rejects.toBeInstanceOf(ConfigError);
    await expect(admin.add('a__b', { command: 'x' })).rejects.toThrow(/may not contain "__"/);
    expect(await readFile(config.path, 'utf8')).toBe(before);
    expect(records).toHaveLength(1);
  });

  it('update merges, folds aliases and records what changed', async () => {
    await admin.add('a', { command: 'node', args: ['one.js'], disabled: true });
    records.length = 0;
    const info = await admin.update('a', { args: ['two.js'], timeout_ms: 5000 });
    expect(info).toMatchObject({
      args: ['two.js'],
      timeout_ms: 5000,
      enabled: false,
      status: 'disabled',
    });
    expect(records[0]).toMatchObject({
      type: 'server_change',
      metadata: { action: 'update', changed: ['args', 'timeout_ms'] },
    });
    await admin.update('a', { enabled: true });
    expect((await fileServers()).a).toEqual({
      command: 'node',
      args: ['two.js'],
      timeout_ms: 5000,
      enabled: true,
    });
    expect(records[1]).toMatchObject({ type: 'server_change', metadata: { action: 'enable' } });
  });

  it('update can switch a server from stdio to remote', async () => {
    await admin.add('a', { command: 'node', args: ['x.js'], env: { A: 'b' } });
    const info = await admin.update('a', { url: 'http://127.0.0.1:9/mcp', type: 'sse' });
    expect(info.transport).toBe('sse');
    expect((await fileServers()).a).toEqual({ url: 'http://127.0.0.1:9/mcp', type: 'sse' });
  });

  it('update of an unknown server is NotFoundError', async () => {
    await expect(admin.update('nope', { enabled: false })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('remove deletes the entry and records it', async () => {
    await admin.add('a', { command: 'node' });
    await admin.remove('a');
    expect(await fileServers()).toEqual({});
    expect(records.at(-1)).toMatchObject({
      type: 'server_change',
      server_name: 'a',
      metadata: { action: 'remove' },
    });
    await expect(admin.remove('a')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('enable/disable write the config and record; a no-op writes no record', async () => {
    await admin.add('a', { command: 'node' });
    records.length = 0;
    expect((await admin.act('a', 'disable')).status).toBe('disabled');
    expect((await fileServers()).a?.enabled).toBe(false);
    await admin.act('a', 'disable');
    expect((await admin.act('a', 'enable')).enabled).toBe(true);
    expect(records.map((r) => r.metadata.action)).toEqual(['disable', 'enable']);
  });

  it('quarantine/unquarantine write quarantine_change records', async () => {
    await admin.add('a', { command: 'node' });
    records.length = 0;
    expect((await admin.act('a', 'quarantine')).status).toBe('quarantined');
    expect(config.get().servers[0]?.quarantined).toBe(true);
    await admin.act('a', 'unquarantine');
    expect(records.map((r) => [r.type, r.metadata])).toEqual([
      ['quarantine_change', { quarantined: true }],
      ['quarantine_change', { quarantined: false }],
    ]);
    expect(records[0]?.reason).toBe('Server "a" quarantined');
  });

  it('restart calls upstreams.restart and records success, or the error and rethrows', async () => {
    await admin.add('a', { command: 'node' });
    records.length = 0;
    await admin.act('a', 'restart');
    expect(upstreams.restarted).toEqual(['a']);
    expect(records[0]).toMatchObject({
      type: 'server_change',
      status: 'success',
      metadata: { action: 'restart' },
    });
    upstreams.failRestart = new Error('spawn node ENOENT');
    await expect(admin.act('a', 'restart')).rejects.toThrow('spawn node ENOENT');
    expect(records[1]).toMatchObject({
      status: 'error',
      error_message: 'spawn node ENOENT',
      metadata: { action: 'restart' },
    });
    await expect(admin.act('zzz', 'restart')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a restart whose connection fails is reported as failed, not as restarted', async () => {
    const added = await admin.add('a', { command: 'node' });
    records.length = 0;
    // restart() resolves after the first attempt; the failure shows in the live state.
    upstreams.live.set('a', {
      ...added,
      status: 'error',
      error: 'could not connect: exit code 3',
    });
    await expect(admin.act('a', 'restart')).rejects.toThrow(
      'Restart of "a" failed: could not connect: exit code 3',
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      type: 'server_change',
      status: 'error',
      error_message: 'could not connect: exit code 3',
      error_kind: 'upstream_unavailable',
      metadata: { action: 'restart' },
    });
  });

  it('imports Claude Desktop / Cursor mcpServers, skipping existing names, warning on foreign keys', async () => {
    await admin.add('memory', { command: 'node' });
    records.length = 0;
    const claude = JSON.stringify({
      mcpServers: {
        memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] },
        everything: {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-everything'],
          autoApprove: [],
        },
        docs: { url: 'https://example.com/mcp', disabled: true },
      },
      globalShortcut: 'Ctrl+Space',
    });
    expect(await admin.importConfig(claude)).toEqual({
      added: ['everything', 'docs'],
      skipped: ['memory'],
    });
    expect(config.get().servers.map((s) => [s.name, s.enabled])).toEqual([
      ['memory', true],
      ['everything', true],
      ['docs', false],
    ]);
    expect(config.warnings().map((w) => w.keyPath)).toEqual(['mcpServers.everything.autoApprove']);
    expect(records.map((r) => [r.server_name, r.metadata])).toEqual([
      ['everything', { action: 'add', source: 'import' }],
      ['docs', { action: 'add', source: 'import' }],
    ]);
  });

  it("imports VS Code's servers key", async () => {
    const vscode = JSON.stringify({
      servers: { github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/' } },
      inputs: [],
    });
    expect(await admin.importConfig(vscode)).toEqual({ added: ['github'], skipped: [] });
    expect(config.get().servers[0]?.transport).toBe('streamable-http');
  });

  it('refuses an import that is not JSON, has no server map, or has an invalid entry, writing nothing', async () => {
    const before = await readFile(config.path, 'utf8');
    await expect(admin.importConfig('{nope')).rejects.toThrow(
      /import: the file to import is not valid JSON/,
    );
    await expect(admin.importConfig('{"other": {}}')).rejects.toThrow(/found no "mcpServers"/);
    await expect(admin.importConfig('{"mcpServers": {"x": {"command": ["a"]}}}')).rejects.toThrow(
      /mcpServers\.x\.command: expected a string, got an array/,
    );
    expect(await readFile(config.path, 'utf8')).toBe(before);
    expect(records).toEqual([]);
  });
});
