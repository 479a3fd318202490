/**
 * The reader worker's built file, as src/main/recorderWorker.ts is the recorder's: only built
 * entry points import this module; tests resolve it to a source bootstrap (vitest.config.ts).
 */
import readerWorkerPath from './core/activity/readers/activityReaderWorker?modulePath';

export const READER_WORKER_ENTRY: string = readerWorkerPath;
