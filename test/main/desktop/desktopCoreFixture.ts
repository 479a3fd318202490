/**
 * A Switchboard for desktop tests from core's real parts: a SQLite file in a temp dir through
 * the real migrations, the real record queue, event bus and token store. Servers, config and
 * policies are small in-memory stand-ins (the desktop only forwards to them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivityStore, createRecordQueue } from '../../../src/main/core/activity';
import { openDatabase } from '../../../src/main/core/db';
import { createActivityEventBus } from '../../../src/main/core/events';
import { NotFoundError } from '../../../src/main/core/servers';
import type { Switchboard } from '../../../src/main/core/switchboard';
import { createTokenStore } from '../../../src/main/core/tokens';
import type { ServerInfo } from '../../../src/shared/servers';
import { DEFAULT_ACTIVITY_SETTINGS } from '../../../src/main/core/config/defaults';
import type { ConfigStore } from '../../../src/main/core/config/contracts';
import type { UpstreamManager } from '../../../src/main/core/upstreams/contracts';
import { ConfigError } from '../../../src/main/core/config';

export interface DesktopCoreFixture {
  switchboard: Switchboard;
  dataDir: string;
  cleanup(): Promise<void>;
}

function serverInfo(name: string): ServerInfo {
  return {
    name,
    transport: 'stdio',
    command: 'node',
    args: [],
    enabled: true,
    quarantined: false,
    status: 'ready',
    error: null,
    tools_count: 1,
    timeout_ms: 600_000,
  };
}

export function desktopCoreFixture(): DesktopCoreFixture {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-desktop-'));
  const db = openDatabase(join(dataDir, 'activity.db'));
  const events = createActivityEventBus();
  const recorder = createRecordQueue({
    db,
    bus: events,
    settings: () => DEFAULT_ACTIVITY_SETTINGS,
  });
  const activity = createActivityStore(db);
  const tokens = createTokenStore(db);
  const servers = new Map<string, ServerInfo>([['everything', serverInfo('everything')]]);
  const find = (name: string): ServerInfo => {
    const server = servers.get(name);
    if (!server) throw new NotFoundError(`No server named "${name}"`);
    return server;
  };
  const upstreams = {
    servers: () => [...servers.values()],
    server: (name: string) => servers.get(name),
    tools: (name: string) => [
      {
        name: 'echo',
        exposed_name: `${find(name).name}__echo`,
        description: null,
        input_schema: {},
      },
    ],
    onDidChange: () => () => {},
  } as unknown as UpstreamManager;
  const config = { onDidChange: () => () => {} } as unknown as ConfigStore;
  let policies: Switchboard['getPolicies'] extends () => infer P ? P : never = [];
  const switchboard: Switchboard = {
    dataDir,
    config,
    activity,
    recorder,
    events,
    tokens,
    upstreams,
    servers: {
      add: async (name) => {
        if (servers.has(name)) throw new Error(`unexpected`);
        servers.set(name, serverInfo(name));
        return find(name);
      },
      update: async (name) => find(name),
      remove: async (name) => {
        find(name);
        servers.delete(name);
      },
      act: async (name, action) => ({ ...find(name), quarantined: action === 'quarantine' }),
      importConfig: async () => ({ added: [], skipped: [] }),
    },
    getPolicies: () => policies,
    setPolicies: async (rules) => {
      if (!Array.isArray(rules) || rules.some((rule) => typeof rule?.id !== 'string')) {
        throw new ConfigError('expected a string', 'policies[0].id');
      }
      policies = rules;
      return policies;
    },
    getSettings: () => DEFAULT_ACTIVITY_SETTINGS,
    updateSettings: async () => DEFAULT_ACTIVITY_SETTINGS,
    status: () => ({
      version: '0.1.0',
      pid: process.pid,
      uptime_s: 0,
      data_dir: dataDir,
      mcp_url: 'http://127.0.0.1:1/mcp',
      ui_url: 'http://127.0.0.1:1/',
      servers: { connecting: 0, ready: 1, error: 0, disabled: 0, quarantined: 0, total: 1 },
      queue: recorder.stats(),
      database: { ...activity.stats(), size_bytes: db.sizeBytes() },
    }),
    urls: { mcp: 'http://127.0.0.1:1/mcp', ui: 'http://127.0.0.1:1/', base: 'http://127.0.0.1:1' },
    close: async () => {
      await recorder.close();
      db.close();
    },
  };
  return {
    switchboard,
    dataDir,
    cleanup: async () => {
      await switchboard.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
