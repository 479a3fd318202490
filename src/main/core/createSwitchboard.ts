import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../../../package.json';
import type { ServerStatus, StatusInfo } from '../../shared/servers';
import { createActivityStore, createRecordQueue, createRetention } from './activity';
import {
  activitySettingsSchema,
  configErrorFromZod,
  loadConfigStore,
  type ConfigStore,
  type SwitchboardConfig,
} from './config';
import { openDatabase } from './db';
import { createActivityEventBus } from './events';
import { createGateway } from './gateway';
import { createHttpServer } from './http';
import { acquireDataDirLock } from './instance';
import { createPolicyEngine, validatePolicyRules, type PolicyEngine } from './policy';
import { createServerAdmin } from './servers';
import type { Switchboard } from './switchboard';
import { createTokenStore } from './tokens';
import { createUpstreamManager } from './upstreams';

export interface CreateSwitchboardOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/mcp_config.json`. */
  configPath?: string;
  /** Overrides the config's `listen` for this run (e.g. `127.0.0.1:0`). */
  listen?: string;
  /** The built renderer to serve at `/`; defaults to out/renderer. */
  uiDir?: string;
  /** Electron's build of better-sqlite3 (SPEC 9: kept apart from the Node build). */
  nativeBinding?: string;
  /** Where problems that do not stop the process go (reload failures, write retries). */
  log?: (message: string) => void;
}

/** SPEC 1: wires config, database, recorder, upstreams, gateway and HTTP into one running core. */
export async function createSwitchboard(options: CreateSwitchboardOptions): Promise<Switchboard> {
  const log = options.log ?? ((message: string) => console.error(message));
  const dataDir = options.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  const cleanups: (() => Promise<void> | void)[] = [() => lock.release()];
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        log(`switchboard: shutdown step failed: ${String(error)}`);
      }
    }
  };

  try {
    const config = await loadConfigStore({
      dataDir,
      configPath: options.configPath,
      onWarning: (warning) => log(`${warning.keyPath}: ${warning.message}`),
    });
    cleanups.push(() => config.close());

    const dbPath = join(dataDir, 'activity.db');
    const db = openDatabase(dbPath, { nativeBinding: options.nativeBinding });
    cleanups.push(() => db.close());

    const events = createActivityEventBus((error) =>
      log(`switchboard: event listener failed: ${String(error)}`),
    );
    const activity = createActivityStore(db, { path: dbPath });
    const recorder = createRecordQueue({
      db,
      bus: events,
      settings: () => config.get(),
      onError: (error) => log(`switchboard: activity write failed, retrying: ${String(error)}`),
    });
    cleanups.push(() => recorder.close());

    const retention = createRetention({
      db,
      store: activity,
      settings: () => config.get(),
      onError: (error) => log(`switchboard: retention failed: ${String(error)}`),
    });
    retention.start();
    cleanups.push(() => retention.stop());

    const tokens = createTokenStore(db);
    let policy: PolicyEngine = createPolicyEngine(config.get().policies);
    const upstreams = createUpstreamManager({
      recorder,
      onError: (error, server) => log(`switchboard: upstream "${server}": ${error.message}`),
    });
    cleanups.push(() => upstreams.close());
    const servers = createServerAdmin({ config, upstreams, recorder });

    const stopWatchingConfig = watchConfig(config, {
      onChange: (next) => {
        policy = createPolicyEngine(next.policies);
        void upstreams.apply(next);
      },
      onInvalid: (error) => log(`switchboard: ${error.message} (the running config stays)`),
    });
    cleanups.push(stopWatchingConfig);

    const gateway = createGateway({
      upstreams,
      recorder,
      events,
      tokens,
      getPolicy: () => policy,
      getConfig: () => config.get(),
      onError: (error) => log(`switchboard: /mcp: ${error.message}`),
    });
    cleanups.push(() => gateway.close());

    const listen = options.listen ?? config.get().listen;
    const startedAt = Date.now();
    let urls = { base: '', mcp: '', ui: '' };

    const switchboard: Switchboard = {
      dataDir,
      config,
      activity,
      recorder,
      events,
      tokens,
      upstreams,
      servers,
      getPolicies: () => config.get().policies,
      async setPolicies(rules) {
        // Validated alone first, so an error names the rule (`policies[2].effect`), not the file.
        validatePolicyRules(rules);
        const next = await config.update((raw) => ({ ...raw, policies: rules }));
        return next.policies;
      },
      getSettings: () => pickSettings(config.get()),
      async updateSettings(patch) {
        // Only the activity_* keys and redact_keys: never api_key, listen or servers.
        const parsed = activitySettingsSchema.partial().safeParse(patch, { reportInput: true });
        if (!parsed.success) throw configErrorFromZod(parsed.error, []);
        const next = await config.update((raw) => ({ ...raw, ...parsed.data }));
        return pickSettings(next);
      },
      status: () => statusOf({ dataDir, startedAt, urls, switchboard }),
      get urls() {
        return urls;
      },
      close: cleanup,
    };

    const http = createHttpServer({ switchboard, gateway, uiDir: options.uiDir, listen });
    const address = await http.listen();
    cleanups.push(() => http.close());
    const base = `http://${formatHost(address.host)}:${address.port}`;
    urls = {
      base,
      mcp: `${base}/mcp`,
      ui: `${base}/?apikey=${encodeURIComponent(config.get().api_key)}`,
    };
    lock.setUrl(base);

    await upstreams.apply(config.get());
    return switchboard;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function watchConfig(
  config: ConfigStore,
  handlers: { onChange: (next: SwitchboardConfig) => void; onInvalid: (error: Error) => void },
): () => void {
  const stopChange = config.onDidChange((next) => handlers.onChange(next));
  const stopFail = config.onDidFailReload(handlers.onInvalid);
  return () => {
    stopChange();
    stopFail();
  };
}

function pickSettings(config: SwitchboardConfig): ReturnType<Switchboard['getSettings']> {
  return {
    activity_retention_days: config.activity_retention_days,
    activity_max_records: config.activity_max_records,
    activity_max_size_mb: config.activity_max_size_mb,
    activity_max_response_size: config.activity_max_response_size,
    activity_cleanup_interval_min: config.activity_cleanup_interval_min,
    redact_keys: config.redact_keys,
  };
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function statusOf(input: {
  dataDir: string;
  startedAt: number;
  urls: { mcp: string; ui: string };
  switchboard: Switchboard;
}): StatusInfo {
  const { switchboard } = input;
  const servers: StatusInfo['servers'] = {
    connecting: 0,
    ready: 0,
    error: 0,
    disabled: 0,
    quarantined: 0,
    total: 0,
  };
  for (const server of switchboard.upstreams.servers()) {
    servers[server.status satisfies ServerStatus] += 1;
    servers.total += 1;
  }
  const stats = switchboard.activity.stats();
  return {
    version: packageJson.version,
    pid: process.pid,
    uptime_s: Math.round((Date.now() - input.startedAt) / 1000),
    data_dir: input.dataDir,
    mcp_url: input.urls.mcp,
    ui_url: input.urls.ui,
    servers,
    queue: switchboard.recorder.stats(),
    database: { path: stats.path, size_bytes: stats.size_bytes, records: stats.records },
  };
}
