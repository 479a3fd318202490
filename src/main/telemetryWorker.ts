/**
 * The telemetry export worker's built file, as src/main/recorderWorker.ts is the recorder's: only
 * built entry points import this module; tests resolve it to a source bootstrap (vitest.config.ts).
 */
import telemetryWorkerPath from './core/telemetry/telemetryExportWorker?modulePath';

export const TELEMETRY_WORKER_ENTRY: string = telemetryWorkerPath;
