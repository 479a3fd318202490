/** Worker entries run from source, for tests and benches that open the core without a build. */
import { fileURLToPath } from 'node:url';

export const RECORDER_WORKER_SOURCE = fileURLToPath(
  new URL('./activityWriterWorker.mjs', import.meta.url),
);

export const READER_WORKER_SOURCE = fileURLToPath(
  new URL('./activityReaderWorker.mjs', import.meta.url),
);

export const CRASHING_READER_WORKER_SOURCE = fileURLToPath(
  new URL('./crashingActivityReaderWorker.mjs', import.meta.url),
);

export const TELEMETRY_WORKER_SOURCE = fileURLToPath(
  new URL('./telemetryExportWorker.mjs', import.meta.url),
);

export const CRASHING_TELEMETRY_WORKER_SOURCE = fileURLToPath(
  new URL('./crashingTelemetryExportWorker.mjs', import.meta.url),
);
