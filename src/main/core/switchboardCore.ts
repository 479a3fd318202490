/**
 * Everything of a running Switchboard except its listener: config, database, recorder, retention,
 * tokens, upstreams, server admin, policies and settings. `createSwitchboard()` adds the gateway
 * and the HTTP server; tests of one layer open the core alone instead of assembling a copy of it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../../../package.json';
import type { ActivityRecord } from '../../shared/activity';
import type { ServerStatus, StatusInfo } from '../../shared/servers';
import {
  createActivityStore,
  createRecordQueue,
  createWorkerRowWriter,
  createExportLines,
  createInlineRowWriter,
  createRetention,
  newActivityRecord,
  type ClearScope,
} from './activity';
import {
  activitySettingsSchema,
  configErrorFromZod,
  loadConfigStore,
  type SwitchboardConfig,
} from './config';
import {
  createApprovalGate,
  createPendingRequestRegistry,
  createSessionGrants,
  type ApprovalGate,
  type SessionGrants,
} from './approvals';
import { openDatabase } from './db';
import { createActivityEventBus } from './events';
import { acquireDataDirLock } from './instance';
import { createPolicyEngine, validatePolicyRules, type PolicyEngine } from './policy';
import { createServerAdmin } from './servers';
import type { ClearOrigin, Switchboard } from './switchboard';
import { createTokenStore } from './tokens';
import { createUpstreamManager, type UpstreamManagerWithRouter } from './upstreams';

export interface SwitchboardCoreOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/mcp_config.json`. */
  configPath?: string;
  /** Electron's build of better-sqlite3 (SPEC 9: kept apart from the Node build). */
  nativeBinding?: string;
  /**
   * The recorder worker's entry (src/main/recorderWorker.ts gives the built one). Without it the
   * activity log is written on the main thread, which a commit then stalls.
   */
  recorderWorker?: string;
  /** Pick up hand edits of the config file. Default true. */
  watchConfig?: boolean;
  /** Where problems that do not stop the process go (reload failures, write retries). */
  log?: (message: string) => void;
  /** Tests only: held calls wait this many seconds instead of `approval_timeout_s` (min 5). */
  approvalTimeoutS?: number;
  /** Tests only: the interval of "waiting for approval" progress notifications (default 10 s). */
  approvalProgressIntervalMs?: number;
}

export interface SwitchboardCore {
  switchboard: Switchboard;
  upstreams: UpstreamManagerWithRouter;
  /** The policy compiled from the current config (recompiled on every valid change). */
  policy(): PolicyEngine;
  /** Holds the calls `ask` rules match (SPEC 10). */
  approvalGate: ApprovalGate;
  /** `allow_session` grants, which end with their MCP session. */
  sessionGrants: SessionGrants;
  /** SPEC 10: a shutdown denies what is pending (`decided_by: "shutdown"`). */
  denyPendingApprovals(): Promise<void>;
  /** Publishes the listener's URLs (status, lock file) once it is bound. */
  setBaseUrl(base: string): void;
  /** Runs at close, before the core's own parts shut down (last added, first run). */
  onClose(step: () => Promise<void> | void): void;
  log: (message: string) => void;
}

export async function openSwitchboardCore(
  options: SwitchboardCoreOptions,
): Promise<SwitchboardCore> {
  const log = options.log ?? ((message: string) => console.error(message));
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  const closeSteps: (() => Promise<void> | void)[] = [() => lock.release()];
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      for (const step of closeSteps.reverse()) {
        try {
          await step();
        } catch (error) {
          log(`switchboard: shutdown step failed: ${String(error)}`);
        }
      }
    })());

  try {
    const config = await loadConfigStore({
      dataDir,
      configPath: options.configPath,
      watch: options.watchConfig ?? true,
      onWarning: (warning) => log(`${warning.keyPath}: ${warning.message}`),
    });
    closeSteps.push(() => config.close());

    const dbPath = join(dataDir, 'activity.db');
    const db = openDatabase(dbPath, { nativeBinding: options.nativeBinding });
    closeSteps.push(() => db.close());

    const events = createActivityEventBus((error) =>
      log(`switchboard: event listener failed: ${String(error)}`),
    );
    const activity = createActivityStore(db, { path: dbPath });
    // One writer for the recorder's inserts and retention's deletes: the recorder worker when the
    // entry is given (serve, the desktop app), else this thread.
    const writer =
      options.recorderWorker !== undefined
        ? createWorkerRowWriter({
            entry: options.recorderWorker,
            file: dbPath,
            fallback: (error) => {
              log(
                `switchboard: the recorder worker could not start (${error.message}); writing the activity log on the main thread`,
              );
              return createInlineRowWriter(db);
            },
            ...(options.nativeBinding !== undefined
              ? { nativeBinding: options.nativeBinding }
              : {}),
          })
        : createInlineRowWriter(db);
    const recorder = createRecordQueue({
      db,
      writer,
      bus: events,
      settings: () => config.get(),
      onError: (error) => log(`switchboard: activity write failed: ${error.message}`),
    });
    closeSteps.push(() => recorder.close());

    const retention = createRetention({
      db,
      writer,
      store: activity,
      settings: () => config.get(),
      onError: (error) => log(`switchboard: retention failed: ${error.message}`),
    });
    retention.start();
    closeSteps.push(() => retention.stop());

    const tokens = createTokenStore(db);
    closeSteps.push(() => tokens.flush());
    let policy = createPolicyEngine(config.get().policies);
    const upstreams = createUpstreamManager({
      recorder,
      onError: (error, server) => log(`switchboard: upstream "${server}": ${error.message}`),
    });
    // Upstreams close before the recorder, so their last server_change records are flushed.
    closeSteps.push(() => upstreams.close());
    const servers = createServerAdmin({ config, upstreams, recorder });

    const stopChange = config.onDidChange((next) => {
      policy = createPolicyEngine(next.policies);
      void upstreams.apply(next);
    });
    const stopFail = config.onDidFailReload((error) =>
      log(`switchboard: ${error.message} (the running config stays)`),
    );
    closeSteps.push(() => {
      stopChange();
      stopFail();
    });

    const approvals = createPendingRequestRegistry({
      onListenerError: (error) => log(`switchboard: approval listener failed: ${String(error)}`),
    });
    const denyPendingApprovals = async (): Promise<void> => {
      approvals.close();
      // The held calls' handlers answer and enqueue their records in the microtasks that follow.
      await new Promise((resolve) => setImmediate(resolve));
    };
    // Before the recorder closes: the calls a shutdown denies still get their records.
    closeSteps.push(denyPendingApprovals);
    const sessionGrants = createSessionGrants();
    const approvalGate = createApprovalGate({
      registry: approvals,
      grants: sessionGrants,
      settings: () => config.get(),
      ...(options.approvalTimeoutS !== undefined ? { timeoutS: options.approvalTimeoutS } : {}),
      ...(options.approvalProgressIntervalMs !== undefined
        ? { progressIntervalMs: options.approvalProgressIntervalMs }
        : {}),
    });

    const startedAt = Date.now();
    let urls = { base: '', mcp: '', ui: '' };
    const switchboard: Switchboard = {
      dataDir,
      config,
      activity,
      exportSource: createExportLines({
        path: dbPath,
        ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
      }),
      recorder,
      events,
      tokens,
      upstreams,
      servers,
      approvals,
      async clearActivity(scope, origin) {
        // Records still queued belong to the log being cleared: commit them first.
        await recorder.flush();
        const deleted = activity.clear(scope);
        recorder.enqueue(clearLogRecord(scope, deleted, origin));
        await recorder.flush();
        return { deleted };
      },
      getPolicies: () => config.get().policies,
      async setPolicies(rules) {
        // Validated alone first, so an error names the rule (`policies[2].effect`), not the file.
        validatePolicyRules(rules);
        return (await config.update((raw) => ({ ...raw, policies: rules }))).policies;
      },
      getSettings: () => pickSettings(config.get()),
      async updateSettings(patch) {
        // Only the activity_* keys and redact_keys: never api_key, listen or servers.
        const parsed = activitySettingsSchema.partial().safeParse(patch, { reportInput: true });
        if (!parsed.success) throw configErrorFromZod(parsed.error, []);
        return pickSettings(await config.update((raw) => ({ ...raw, ...parsed.data })));
      },
      status: () => statusOf(switchboard, startedAt),
      get urls() {
        return urls;
      },
      close,
    };

    return {
      switchboard,
      upstreams,
      policy: () => policy,
      approvalGate,
      sessionGrants,
      denyPendingApprovals,
      setBaseUrl(base) {
        const key = encodeURIComponent(config.get().api_key);
        urls = { base, mcp: `${base}/mcp`, ui: `${base}/?apikey=${key}` };
        lock.setUrl(base);
      },
      onClose: (step) => closeSteps.push(step),
      log,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The four record types are fixed (SPEC 5), so a clear is recorded as a `server_change` with no
 * server and `metadata.action` `clear_log` (docs/DECISIONS.md).
 */
function clearLogRecord(scope: ClearScope, deleted: number, origin: ClearOrigin): ActivityRecord {
  const what =
    'all' in scope ? 'Activity log cleared' : `Activity log cleared before ${scope.before}`;
  const where = origin.via === 'rest' ? 'REST' : 'the desktop app';
  return newActivityRecord({
    type: 'server_change',
    reason: `${what} (${deleted} records) via ${where}`,
    metadata: {
      action: 'clear_log',
      ...scope,
      deleted,
      via: origin.via,
      ...(origin.user_agent === undefined ? {} : { user_agent: origin.user_agent.slice(0, 200) }),
    },
  });
}

function pickSettings(config: SwitchboardConfig): ReturnType<Switchboard['getSettings']> {
  return {
    activity_retention_days: config.activity_retention_days,
    activity_max_records: config.activity_max_records,
    activity_max_size_mb: config.activity_max_size_mb,
    activity_max_response_size: config.activity_max_response_size,
    activity_cleanup_interval_min: config.activity_cleanup_interval_min,
    redact_keys: config.redact_keys,
    approval_timeout_s: config.approval_timeout_s,
  };
}

function statusOf(switchboard: Switchboard, startedAt: number): StatusInfo {
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
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
    data_dir: switchboard.dataDir,
    mcp_url: switchboard.urls.mcp,
    ui_url: switchboard.urls.ui,
    servers,
    queue: switchboard.recorder.stats(),
    database: { path: stats.path, size_bytes: stats.size_bytes, records: stats.records },
  };
}
