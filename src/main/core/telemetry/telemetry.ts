/**
 * Telemetry's lifecycle (SPEC 13): off by default; on when the config or the environment gives an
 * endpoint; a config change that alters what is exported replaces the export pipeline at once (the
 * old one drains in the background), so no restart is needed.
 */
import type { SwitchboardConfig } from '../config/contracts';
import { createKeyMatcher, redactValue } from '../activity/redaction';
import type { AuditCheckpoint } from '../../../shared/audit';
import { TELEMETRY_OFF, type TelemetryStatus } from '../../../shared/telemetry';
import type { CallTracingSource } from './callTracing';
import { createExportPipeline, type ExportPipeline, type ExportTuning } from './exportPipeline';
import { effectiveTelemetry, sameEffectiveTelemetry } from './telemetrySchema';

export interface TelemetryOptions {
  version: string;
  env?: Readonly<Record<string, string | undefined>>;
  tuning?: ExportTuning;
  /** The export worker's entry (src/main/telemetryWorker.ts); without it export runs in-thread. */
  workerEntry?: string;
  log?: (message: string) => void;
}

export interface Telemetry extends CallTracingSource {
  /** Starts, restarts or stops the export to match `config` (and the environment). */
  apply(config: SwitchboardConfig): void;
  status(): TelemetryStatus;
  /**
   * SPEC 12-13: each signed checkpoint leaves the machine as a span event, so the chain's head also
   * lives where whoever holds the database and the key cannot rewrite it.
   */
  recordCheckpoint(checkpoint: AuditCheckpoint): void;
  /** Exports everything finished so far (tests, shutdown). */
  flush(): Promise<void>;
  /** Flushes within `timeoutMs` at most, then stops. */
  close(timeoutMs?: number): Promise<void>;
}

/** Longer than this a stop does not wait for a collector: spans still queued are lost. */
const CLOSE_TIMEOUT_MS = 2_000;

export function createTelemetry(options: TelemetryOptions): Telemetry {
  const env = options.env ?? process.env;
  let pipeline: ExportPipeline | null = null;
  let redactKeys: readonly string[] = [];
  let isSecretKey = createKeyMatcher(redactKeys);

  function stop(old: ExportPipeline, timeoutMs: number): Promise<void> {
    return old
      .shutdown(timeoutMs)
      .catch((error: unknown) =>
        options.log?.(`switchboard: telemetry: stopping the exporter failed: ${String(error)}`),
      );
  }

  return {
    pipeline: () => pipeline,
    redact: (value) => redactValue(value, isSecretKey),

    apply(config) {
      if (config.redact_keys !== redactKeys) {
        redactKeys = config.redact_keys;
        isSecretKey = createKeyMatcher(redactKeys);
      }
      const next = effectiveTelemetry(config.telemetry, env);
      if (sameEffectiveTelemetry(pipeline?.settings ?? null, next)) return;
      const old = pipeline;
      pipeline =
        next === null
          ? null
          : createExportPipeline(next, {
              version: options.version,
              ...(options.tuning === undefined ? {} : { tuning: options.tuning }),
              ...(options.workerEntry === undefined ? {} : { workerEntry: options.workerEntry }),
              ...(options.log === undefined ? {} : { log: options.log }),
            });
      if (old) void stop(old, CLOSE_TIMEOUT_MS);
    },

    status: () => pipeline?.status() ?? { ...TELEMETRY_OFF },

    recordCheckpoint(checkpoint) {
      if (pipeline === null) return;
      const span = pipeline.tracer.startSpan('switchboard.audit.checkpoint');
      span.addEvent('switchboard.audit.checkpoint', checkpointAttributes(checkpoint));
      span.end();
    },

    async flush() {
      await pipeline?.flush();
    },

    async close(timeoutMs = CLOSE_TIMEOUT_MS) {
      const old = pipeline;
      pipeline = null;
      if (old) await stop(old, timeoutMs);
    },
  };
}

function checkpointAttributes(checkpoint: AuditCheckpoint): Record<string, string | number> {
  const attributes: Record<string, string | number> = {
    'switchboard.audit.seq': checkpoint.seq,
    'switchboard.audit.hash': checkpoint.hash,
    'switchboard.audit.created_at': checkpoint.created_at,
    'switchboard.audit.key_fingerprint': checkpoint.key_fingerprint,
    'switchboard.audit.signature': checkpoint.signature,
  };
  if (checkpoint.reason !== undefined)
    attributes['switchboard.audit.gap_reason'] = checkpoint.reason;
  if (checkpoint.first_kept_seq !== undefined) {
    attributes['switchboard.audit.first_kept_seq'] = checkpoint.first_kept_seq;
  }
  if (checkpoint.last_deleted_hash !== undefined) {
    attributes['switchboard.audit.last_deleted_hash'] = checkpoint.last_deleted_hash;
  }
  return attributes;
}
