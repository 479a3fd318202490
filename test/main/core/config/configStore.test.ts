import { mkdtemp, readFile, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigStore, serializeConfig } from '../../../../src/main/core/config';
import type {
  ConfigStore,
  ConfigWarning,
  RawConfig,
  SwitchboardConfig,
} from '../../../../src/main/core/config';

const API_KEY = 'k'.repeat(43);

let dir: string;
let stores: ConfigStore[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swb-config-'));
});

afterEach(async () => {
  for (const store of stores) store.close();
  stores = [];
  await rm(dir, { recursive: true, force: true });
});

async function open(
  options: {
    watch?: boolean;
    onWarning?: (w: ConfigWarning) => void;
    env?: Record<string, string>;
  } = {},
): Promise<ConfigStore> {
  const store = await loadConfigStore({
    dataDir: dir,
    watch: options.watch ?? false,
    onWarning: options.onWarning,
    env: options.env ?? {},
  });
  stores.push(store);
  return store;
}

async function writeConfig(raw: unknown): Promise<string> {
  const text = typeof raw === 'string' ? raw : serializeConfig(raw as RawConfig);
  await writeFile(join(dir, 'mcp_config.json'), text);
  return text;
}

function nextChange(store: ConfigStore): Promise<SwitchboardConfig> {
  return new Promise((resolve) => {
    const off = store.onDidChange((next) => {
      off();
      resolve(next);
    });
  });
}

function nextFailure(store: ConfigStore): Promise<Error> {
  return new Promise((resolve) => {
    const off = store.onDidFailReload((error) => {
      off();
      resolve(error);
    });
  });
}

describe('first run', () => {
  it('creates the data dir and a config with a generated api_key, default settings and no servers', async () => {
    dir = join(dir, 'nested', 'home');
    const store = await open();
    const raw = JSON.parse(await readFile(join(dir, 'mcp_config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(raw.api_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(raw.mcpServers).toEqual({});
    expect(raw.listen).toBe('127.0.0.1:8080');
    expect(raw.redact_keys).toContain('authorization');
    const config = store.get();
    expect(config.servers).toEqual([]);
    expect(config.activity_retention_days).toBe(90);
    expect(config.activity_max_records).toBe(100000);
    expect(config.api_key).toBe(raw.api_key);
    expect(store.path).toBe(join(dir, 'mcp_config.json'));
  });

  it('keeps an existing api_key on the next start', async () => {
    const first = await open();
    const key = first.get().api_key;
    first.close();
    const second = await open();
    expect(second.get().api_key).toBe(key);
  });
});

describe('invalid files at start', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'unknown top-level key',
      { api_key: API_KEY, servers: {} },
      /mcp_config\.json: servers: unknown top-level key; expected one of listen, api_key/,
    ],
    [
      'a number for command',
      { api_key: API_KEY, mcpServers: { github: { command: 5 } } },
      /mcp_config\.json: mcpServers\.github\.command: expected a string, got a number$/,
    ],
    [
      'unknown server key',
      { api_key: API_KEY, mcpServers: { github: { command: 'x', colour: 'red' } } },
      /mcpServers\.github\.colour: unknown key; a server entry takes command, args/,
    ],
    [
      'a bad server name',
      { api_key: API_KEY, mcpServers: { 'my server': { command: 'x' } } },
      /mcpServers\["my server"\]: expected a server name of 1-64 letters/,
    ],
    [
      'a server name with __',
      { api_key: API_KEY, mcpServers: { a__b: { command: 'x' } } },
      /mcpServers\.a__b: a server name may not contain "__"/,
    ],
    [
      'neither command nor url',
      { api_key: API_KEY, mcpServers: { x: { args: [] } } },
      /mcpServers\.x: expected "command" \(a stdio server\) or "url"/,
    ],
    [
      'both command and url',
      { api_key: API_KEY, mcpServers: { x: { command: 'a', url: 'http://h' } } },
      /mcpServers\.x: has both "command" and "url"/,
    ],
    [
      'a bad transport',
      { api_key: API_KEY, mcpServers: { x: { url: 'http://h', transport: 'websocket' } } },
      /mcpServers\.x\.transport: expected one of "stdio", "streamable-http", "sse", got "websocket"/,
    ],
    [
      'a non-http url',
      { api_key: API_KEY, mcpServers: { x: { url: 'ftp://h' } } },
      /mcpServers\.x\.url: expected an http:\/\/ or https:\/\/ URL/,
    ],
    [
      'a bad listen',
      { api_key: API_KEY, listen: 'localhost' },
      /mcp_config\.json: listen: expected "host:port"/,
    ],
    [
      'a missing api_key',
      { mcpServers: {} },
      /mcp_config\.json: api_key: missing; expected a string/,
    ],
    [
      'a non-integer setting',
      { api_key: API_KEY, activity_retention_days: 1.5 },
      /activity_retention_days: expected an integer, got 1\.5/,
    ],
    [
      'a number in args',
      { api_key: API_KEY, mcpServers: { x: { command: 'a', args: ['ok', 3] } } },
      /mcpServers\.x\.args\[1\]: expected a string, got a number/,
    ],
    [
      'a non-string env value',
      { api_key: API_KEY, mcpServers: { x: { command: 'a', env: { A: true } } } },
      /mcpServers\.x\.env\.A: expected a string, got a boolean/,
    ],
    [
      'a bad policy effect',
      { api_key: API_KEY, policies: [{ id: 'p', effect: 'deny' }] },
      /policies\[0\]\.effect: expected one of "allow", "block", "ask", got "deny"/,
    ],
    [
      'contradicting aliases',
      { api_key: API_KEY, mcpServers: { x: { command: 'a', enabled: true, disabled: true } } },
      /mcpServers\.x: "enabled": true contradicts "disabled": true/,
    ],
    [
      'broken JSON',
      '{\n  "api_key": "x",\n}',
      /mcp_config\.json: not valid JSON at line 3, column 1/,
    ],
  ];

  it.each(cases)(
    '%s is a ConfigError naming file, key path and expectation; the file stays byte-identical',
    async (_name, raw, message) => {
      const text = await writeConfig(raw);
      const error = await open().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(message);
      expect((error as ConfigError).message.startsWith(join(dir, 'mcp_config.json'))).toBe(true);
      expect(await readFile(join(dir, 'mcp_config.json'), 'utf8')).toBe(text);
    },
  );
});

describe('server entries', () => {
  it('folds aliases: type http -> streamable-http, type sse, disabled -> enabled false', async () => {
    await writeConfig({
      api_key: API_KEY,
      mcpServers: {
        a: { type: 'http', url: 'https://example.com/mcp' },
        b: { type: 'sse', url: 'http://127.0.0.1:9/sse', disabled: true },
        c: { command: 'node', args: ['s.js'], type: 'stdio' },
        d: { url: 'https://example.com/mcp' },
      },
    });
    const servers = (await open()).get().servers;
    expect(servers.map((s) => [s.name, s.transport, s.enabled])).toEqual([
      ['a', 'streamable-http', true],
      ['b', 'sse', false],
      ['c', 'stdio', true],
      ['d', 'streamable-http', true],
    ]);
    expect(servers[2]).toMatchObject({
      command: 'node',
      args: ['s.js'],
      env: {},
      headers: {},
      quarantined: false,
      timeout_ms: 600000,
    });
  });

  it('accepts keys of other clients with a warning each, reported once per run', async () => {
    await writeConfig({
      api_key: API_KEY,
      mcpServers: {
        gh: {
          command: 'x',
          autoApprove: ['a'],
          alwaysAllow: [],
          envFile: '.env',
          description: 'd',
          timeout: 5,
        },
      },
    });
    const warnings: ConfigWarning[] = [];
    const store = await open({ onWarning: (w) => warnings.push(w) });
    expect(warnings.map((w) => w.keyPath)).toEqual([
      'mcpServers.gh.autoApprove',
      'mcpServers.gh.alwaysAllow',
      'mcpServers.gh.envFile',
      'mcpServers.gh.description',
      'mcpServers.gh.timeout',
    ]);
    expect(warnings[0]?.message).toMatch(/ignored/);
    expect(store.warnings()).toHaveLength(5);
    expect(store.get().servers[0]?.command).toBe('x');
    await store.update((raw) => ({ ...raw, activity_retention_days: 30 }));
    expect(warnings).toHaveLength(5);
  });
});

describe('${env:NAME}', () => {
  it('expands in the resolved config; the raw file keeps the reference', async () => {
    await writeConfig({
      api_key: API_KEY,
      mcpServers: { gh: { command: 'x', env: { TOKEN: 'Bearer ${env:GH_TOKEN}' } } },
    });
    const store = await open({ env: { GH_TOKEN: 'ghp_abc' } });
    expect(store.get().servers[0]?.env.TOKEN).toBe('Bearer ghp_abc');
    expect(
      (store.raw().mcpServers as Record<string, { env: Record<string, string> }>).gh?.env.TOKEN,
    ).toBe('Bearer ${env:GH_TOKEN}');
  });

  it('an unset variable is an error naming the key path and the variable', async () => {
    await writeConfig({
      api_key: API_KEY,
      mcpServers: { gh: { command: 'x', env: { TOKEN: '${env:GH_TOKEN}' } } },
    });
    await expect(open()).rejects.toThrow(
      /mcp_config\.json: mcpServers\.gh\.env\.TOKEN: environment variable GH_TOKEN is not set/,
    );
  });
});

describe('update', () => {
  it('rewrites the file atomically, publishes the change and leaves no temp file', async () => {
    const store = await open();
    const seen: [SwitchboardConfig, SwitchboardConfig][] = [];
    store.onDidChange((next, previous) => seen.push([next, previous]));
    const next = await store.update((raw) => ({
      ...raw,
      mcpServers: { echo: { command: 'node', args: ['e.js'] } },
    }));
    expect(next.servers.map((s) => s.name)).toEqual(['echo']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[1].servers).toEqual([]);
    const onDisk = JSON.parse(await readFile(store.path, 'utf8')) as RawConfig;
    expect(onDisk.mcpServers).toEqual({ echo: { command: 'node', args: ['e.js'] } });
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('an invalid result throws ConfigError and writes nothing', async () => {
    const store = await open();
    const before = await readFile(store.path, 'utf8');
    await expect(
      store.update((raw) => ({ ...raw, mcpServers: { x: { command: 1 } } })),
    ).rejects.toThrow(/mcp_config\.json: mcpServers\.x\.command: expected a string, got a number/);
    expect(await readFile(store.path, 'utf8')).toBe(before);
    expect(store.get().servers).toEqual([]);
  });

  it('refuses to overwrite an invalid hand edit the watch has not delivered yet', async () => {
    const store = await open();
    const broken = await writeConfig('{ "api_key": ');
    await expect(store.update((raw) => raw)).rejects.toThrow(/edited by hand and is invalid/);
    expect(await readFile(store.path, 'utf8')).toBe(broken);
  });

  it('concurrent updates apply in order, none lost', async () => {
    const store = await open();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) =>
        store.update((raw) => ({
          ...raw,
          mcpServers: { ...(raw.mcpServers as object), [name]: { command: 'x' } },
        })),
      ),
    );
    expect(store.get().servers.map((s) => s.name)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('file watch', () => {
  it('picks up a valid hand edit', async () => {
    const store = await open({ watch: true });
    const changed = nextChange(store);
    const raw = store.raw();
    await writeConfig({ ...raw, mcpServers: { hand: { command: 'node' } } });
    expect((await changed).servers.map((s) => s.name)).toEqual(['hand']);
    expect(store.get().servers[0]?.name).toBe('hand');
  });

  it('picks up an edit saved by rename, as editors do', async () => {
    const store = await open({ watch: true });
    const changed = nextChange(store);
    const temp = join(dir, 'mcp_config.json.swp');
    await writeFile(temp, serializeConfig({ ...store.raw(), activity_retention_days: 7 }));
    await rename(temp, store.path);
    expect((await changed).activity_retention_days).toBe(7);
  });

  it('reports an invalid hand edit and keeps the running config', async () => {
    const store = await open({ watch: true });
    await store.update((raw) => ({ ...raw, mcpServers: { keep: { command: 'node' } } }));
    const failed = nextFailure(store);
    const text = await writeConfig({ ...store.raw(), mcpServers: { keep: { command: 42 } } });
    const error = await failed;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      /mcp_config\.json: mcpServers\.keep\.command: expected a string, got a number/,
    );
    expect(store.get().servers[0]?.command).toBe('node');
    expect(await readFile(store.path, 'utf8')).toBe(text);
  });
});
