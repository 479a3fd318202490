/**
 * Everything of a running Switchboard except its listener: config, database, recorder, retention,
 * tokens, upstreams, server admin, policies and settings. `createSwitchboard()` adds the gateway
 * and the HTTP server; tests of one layer open the core alone instead of assembling a copy of it.
 */
import type { DemoLauncher } from './demo/demoApi';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../../../package.json';
import {
  createActivityStore,
  createRecordQueue,
  createWorkerRowWriter,
  createInlineRowWriter,
  createRetention,
} from './activity';
import { loadConfigStore } from './config';
import {
  createActivityAudit,
  createCheckpointSigner,
  ensureAuditKey,
  loadPrivateKey,
  loadPublicKey,
} from './audit';
import {
  createApprovalGate,
  createPendingRequestRegistry,
  createSessionGrants,
  type ApprovalGate,
  type SessionGrants,
} from './approvals';
import { openDatabase } from './db';
import { createInlineReads, createReaderPool, type YieldToCallsOptions } from './activity/readers';
import { createCallsInFlightGauge, type CallsInFlightGauge } from './callsInFlightGauge';
import { createCallsInFlight, createElicitationBroker, type CallsInFlight } from './elicitation';
import { createActivityEventBus } from './events';
import { acquireDataDirLock } from './instance';
import { createPolicyEngine, type PolicyEngine } from './policy';
import { createPinRepository, createToolPins } from './pins';
import { createServerAdmin } from './servers';
import { createSwitchboardService } from './service';
import type { Switchboard } from './switchboard';
import { createTokenStore } from './tokens';
import { createUpstreamManager, type UpstreamManagerWithRouter } from './upstreams';
import { createTelemetry, type Telemetry, type TelemetryOptions } from './telemetry';

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
  /**
   * The reader worker's entry (src/main/readerWorker.ts gives the built one). Without it list,
   * detail and summary run on the main thread, which a long query then stalls.
   */
  readerWorker?: string;
  /**
   * The reader threads' nice value on Linux (default READER_NICE, 19: reads yield the cores to
   * calls). Benches set 0 to compare.
   */
  readerNice?: number;
  /**
   * Start the reader workers with the core (default true) instead of at the first reads, so
   * their start-up does not land on the calls in flight then (readerPool.ts's startAtOnce).
   * `false`: at the first reads, as before (benches, to compare).
   */
  readersAtStart?: boolean;
  /**
   * How reader workers step aside while the gateway forwards requests (yieldToCalls.ts; default
   * DEFAULT_YIELD_TO_CALLS). `false`: they never wait (benches, to compare).
   */
  readerYieldToCalls?: YieldToCallsOptions | false;
  /**
   * The telemetry export worker's entry (src/main/telemetryWorker.ts gives the built one). Without
   * it OTLP serialization and the collector's sockets run on the main thread.
   */
  telemetryWorker?: string;
  /** Pick up hand edits of the config file. Default true. */
  watchConfig?: boolean;
  /** Where problems that do not stop the process go (reload failures, write retries). */
  log?: (message: string) => void;
  /** The environment OTEL_EXPORTER_OTLP_* are read from (default process.env) and export limits. */
  telemetry?: Pick<TelemetryOptions, 'env' | 'tuning'>;
  /**
   * The `switchboard` command with absolute paths (`switchboard serve` knows it; the desktop app
   * does not): connect snippets for GUI apps, which do not see the shell's PATH, and Run demo.
   */
  launcher?: DemoLauncher;
  /**
   * Tests only: held calls and pending elicitations wait this many seconds instead of
   * `approval_timeout_s` (min 5).
   */
  approvalTimeoutS?: number;
  /** Tests only: the interval of "waiting for approval" progress notifications (default 10 s). */
  approvalProgressIntervalMs?: number;
}

export interface SwitchboardCore {
  switchboard: Switchboard;
  upstreams: UpstreamManagerWithRouter;
  /** SPEC 13: the OpenTelemetry export, applied from the config on every change. */
  telemetry: Telemetry;
  /** The policy compiled from the current config (recompiled on every valid change). */
  policy(): PolicyEngine;
  /** Holds the calls `ask` rules match (SPEC 10). */
  approvalGate: ApprovalGate;
  /** `allow_session` grants, which end with their MCP session. */
  sessionGrants: SessionGrants;
  /** Calls waiting on an upstream: the gateway fills it, upstreams' elicitations find them. */
  calls: CallsInFlight;
  /** Requests the gateway is forwarding, counted in memory the reader workers read. */
  callsInFlightGauge: CallsInFlightGauge;
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

    const telemetry = createTelemetry({
      version: packageJson.version,
      log,
      ...(options.telemetryWorker === undefined ? {} : { workerEntry: options.telemetryWorker }),
      ...options.telemetry,
    });
    telemetry.apply(config.get());
    // Closed after the gateway and the upstreams (steps run last added first): their last spans go out.
    closeSteps.push(() => telemetry.close());

    const dbPath = join(dataDir, 'activity.db');
    const db = openDatabase(dbPath, { nativeBinding: options.nativeBinding });
    closeSteps.push(() => db.close());

    const events = createActivityEventBus((error) =>
      log(`switchboard: event listener failed: ${String(error)}`),
    );
    const activity = createActivityStore(db, { path: dbPath });
    // SPEC 12: the checkpoint key, created on first run; the writer signs with it.
    const auditKey = ensureAuditKey(dataDir);
    const signer = createCheckpointSigner(
      loadPrivateKey(auditKey.privateKeyFile),
      auditKey.fingerprint,
    );
    // Reads of the log (list, detail, summary, export, verify) on read-only connections: two
    // reader workers when the entry is given, else one reader on this thread.
    const readerOptions = {
      file: dbPath,
      publicKeyFile: auditKey.publicKeyFile,
      ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
    };
    const callsInFlightGauge = createCallsInFlightGauge();
    const yieldToCalls = options.readerYieldToCalls;
    const reads =
      options.readerWorker !== undefined
        ? createReaderPool({
            ...readerOptions,
            entry: options.readerWorker,
            log,
            ...(options.readerNice !== undefined ? { nice: options.readerNice } : {}),
            startAtOnce: options.readersAtStart ?? true,
            ...(yieldToCalls === false
              ? {}
              : {
                  callsInFlight: callsInFlightGauge.buffer,
                  ...(yieldToCalls !== undefined ? { yieldToCalls } : {}),
                }),
          })
        : createInlineReads({ ...readerOptions, onSlow: log });
    closeSteps.push(() => reads.close());
    // One writer for the recorder's inserts and retention's deletes: the recorder worker when the
    // entry is given (serve, the desktop app), else this thread.
    const writer =
      options.recorderWorker !== undefined
        ? createWorkerRowWriter({
            entry: options.recorderWorker,
            file: dbPath,
            auditKeyFile: auditKey.privateKeyFile,
            fallback: (error) => {
              log(
                `switchboard: the recorder worker could not start (${error.message}); writing the activity log on the main thread`,
              );
              return createInlineRowWriter(db, { signer });
            },
            ...(options.nativeBinding !== undefined
              ? { nativeBinding: options.nativeBinding }
              : {}),
          })
        : createInlineRowWriter(db, { signer });
    const audit = createActivityAudit({
      db,
      writer,
      publicKey: loadPublicKey(auditKey.publicKeyFile),
      verifyChain: () => reads.verify(),
      ...(options.nativeBinding !== undefined ? { nativeBinding: options.nativeBinding } : {}),
    });
    closeSteps.push(
      audit.onDidWriteCheckpoint((checkpoint) => telemetry.recordCheckpoint(checkpoint)),
    );
    // SPEC 12: a checkpoint at every start, so records of a run that ended uncheckpointed (a
    // crash) are covered before new ones follow.
    await writer.checkpoint();
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

    const tokens = createTokenStore(db, undefined, (error) =>
      log(`switchboard: writing MCP tokens' last use failed (will retry): ${String(error)}`),
    );
    closeSteps.push(() => tokens.flush());
    let policy = createPolicyEngine(config.get().policies);
    const pins = createToolPins({
      repository: createPinRepository(db.sqlite),
      mode: () => config.get().tool_pinning,
      enqueue: (record) => recorder.enqueue(record),
    });
    const calls = createCallsInFlight();
    const upstreams = createUpstreamManager({
      pins,
      recorder,
      // Upstreams connect only once the core is open, after the broker below exists.
      onElicit: (server, params, context) => elicitations.handle(server, params, context),
      onError: (error, server) => log(`switchboard: upstream "${server}": ${error.message}`),
    });
    // Upstreams close before the recorder, so their last server_change records are flushed.
    closeSteps.push(() => upstreams.close());
    const servers = createServerAdmin({ config, upstreams, recorder });

    const stopChange = config.onDidChange((next) => {
      policy = createPolicyEngine(next.policies);
      telemetry.apply(next);
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

    const elicitations = createElicitationBroker({
      registry: approvals,
      calls,
      settings: () => config.get(),
      ...(options.approvalTimeoutS !== undefined ? { timeoutS: options.approvalTimeoutS } : {}),
    });

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
      audit,
      approvals,
      pins,
      service: createSwitchboardService({
        pins,
        dataDir,
        config,
        activity,
        reads,
        recorder,
        tokens,
        upstreams,
        servers,
        approvals,
        urls: () => urls,
        audit,
        startedAt,
        telemetryStatus: () => telemetry.status(),
        launcher: options.launcher,
      }),
      get urls() {
        return urls;
      },
      close,
    };

    return {
      switchboard,
      upstreams,
      telemetry,
      policy: () => policy,
      approvalGate,
      sessionGrants,
      calls,
      callsInFlightGauge,
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
