/**
 * Telemetry's lifecycle (SPEC 13): off by default; on when the config or the environment gives an
 * endpoint; a config change that alters what is exported replaces the export pipeline at once (the
 * old one drains in the background), so no restart is needed.
 */
import type { SwitchboardConfig } from '../config/contracts';
import { createKeyMatcher, redactValue } from '../activity/redaction';
import { TELEMETRY_OFF, type TelemetryStatus } from '../../../shared/telemetry';
import type { CallTracingSource } from './callTracing';
import { createExportPipeline, type ExportPipeline, type ExportTuning } from './exportPipeline';
import { effectiveTelemetry, sameEffectiveTelemetry } from './telemetrySchema';

export interface TelemetryOptions {
  version: string;
  env?: Readonly<Record<string, string | undefined>>;
  tuning?: ExportTuning;
  log?: (message: string) => void;
}

export interface Telemetry extends CallTracingSource {
  /** Starts, restarts or stops the export to match `config` (and the environment). */
  apply(config: SwitchboardConfig): void;
  status(): TelemetryStatus;
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
    return withTimeout(old.shutdown(), timeoutMs).catch((error: unknown) =>
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
      pipeline = next === null ? null : createExportPipeline(next, options.version, options.tuning);
      if (old) void stop(old, CLOSE_TIMEOUT_MS);
    },

    status: () => pipeline?.status() ?? { ...TELEMETRY_OFF },

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

function withTimeout(pending: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    pending.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
