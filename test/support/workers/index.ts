/** Worker entries run from source, for tests and benches that open the core without a build. */
import { fileURLToPath } from 'node:url';

export const RECORDER_WORKER_SOURCE = fileURLToPath(
  new URL('./activityWriterWorker.mjs', import.meta.url),
);
