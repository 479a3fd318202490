/**
 * The recorder worker's built file. electron-vite emits `?modulePath` imports as their own entry
 * and resolves this to its path at run time; only built entry points (the CLI's serve, the
 * desktop app) import this module. Tests resolve it to a source bootstrap (vitest.config.ts).
 */
import recorderWorkerPath from './core/activity/recorder/activityWriterWorker?modulePath';

export const RECORDER_WORKER_ENTRY: string = recorderWorkerPath;
