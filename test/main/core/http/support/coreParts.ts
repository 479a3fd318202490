/**
 * A Switchboard object from the real core parts (config file, SQLite, record queue, store,
 * tokens, upstream manager, server admin) in a temp dir, for the HTTP layer's own tests. The
 * integration tests use createSwitchboard itself; this exists so the HTTP layer can be tested
 * without the gateway.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivitySettings } from '../../../../../src/shared/servers';
import { createActivityStore, createRecordQueue } from '../../../../../src/main/core/activity';
import {
  activitySettingsSchema,
  ConfigError,
  loadConfigStore,
} from '../../../../../src/main/core/config';
import { openDatabase } from '../../../../../src/main/core/db';
import { createActivityEventBus } from '../../../../../src/main/core/events';
import { validatePolicyRules } from '../../../../../src/main/core/policy';
import { createServerAdmin } from '../../../../../src/main/core/servers';
import type { Switchboard } from '../../../../../src/main/core/switchboard';
import { createTokenStore } from '../../../../../src/main/core/tokens';
import { createUpstreamManager } from '../../../../../src/main/core/upstreams';

export interface CoreParts {
  switchboard: Switchboard;
  dataDir: string;
  apiKey: string;
  dispose(): Promise<void>;
}

const SETTINGS_KEYS = Object.keys(activitySettingsSchema.shape) as (keyof ActivitySettings)[];

export async function createCoreParts(config: Record<string, unknown> = {}): Promise<CoreParts> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swb-http-'));
  const apiKey = randomBytes(24).toString('base64url');
  writeFileSync(
    join(dataDir, 'mcp_config.json'),
    JSON.stringify({ listen: '127.0.0.1:0', api_key: apiKey, ...config }, null, 2),
  );
  const configStore = await loadConfigStore({ dataDir, watch: false });
  const db = openDatabase(join(dataDir, 'activity.db'));
  const events = createActivityEventBus();
  const recorder = createRecordQueue({
    db,
    bus: events,
    settings: () => configStore.get(),
    intervalMs: 10,
  });
  const activity = createActivityStore(db, { path: db.path });
  const tokens = createTokenStore(db);
  const upstreams = createUpstreamManager({ recorder });
  await upstreams.apply(configStore.get());
  const stopApplying = configStore.onDidChange((next) => void upstreams.apply(next));
  const servers = createServerAdmin({ config: configStore, upstreams, recorder });
  const startedAt = Date.now();
  const urls = { mcp: '', ui: '', base: '' };

  const getSettings = (): ActivitySettings => {
    const current = configStore.get();
    return Object.fromEntries(
      SETTINGS_KEYS.map((key) => [key, current[key]]),
    ) as unknown as ActivitySettings;
  };

  const switchboard: Switchboard = {
    dataDir,
    config: configStore,
    activity,
    recorder,
    events,
    tokens,
    upstreams,
    servers,
    getPolicies: () => configStore.get().policies,
    async setPolicies(rules) {
      const valid = validatePolicyRules(rules);
      return (await configStore.update((raw) => ({ ...raw, policies: valid }))).policies;
    },
    getSettings,
    async updateSettings(patch) {
      const parsed = activitySettingsSchema.partial().safeParse(patch);
      if (!parsed.success)
        throw new ConfigError(parsed.error.issues[0]?.message ?? 'invalid settings');
      await configStore.update((raw) => ({ ...raw, ...parsed.data }));
      return getSettings();
    },
    status() {
      const servers = upstreams.servers();
      const count = (status: string): number => servers.filter((s) => s.status === status).length;
      const stats = activity.stats();
      return {
        version: '0.0.0-test',
        pid: process.pid,
        uptime_s: Math.round((Date.now() - startedAt) / 1000),
        data_dir: dataDir,
        mcp_url: urls.mcp,
        ui_url: urls.ui,
        servers: {
          total: servers.length,
          connecting: count('connecting'),
          ready: count('ready'),
          error: count('error'),
          disabled: count('disabled'),
          quarantined: count('quarantined'),
        },
        queue: recorder.stats(),
        database: { path: stats.path, size_bytes: stats.size_bytes, records: stats.records },
      };
    },
    urls,
    async close() {
      stopApplying();
      await upstreams.close();
      await recorder.close();
      configStore.close();
      db.close();
    },
  };
  return {
    switchboard,
    dataDir,
    apiKey,
    async dispose() {
      await switchboard.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
