/**
 * What the export worker does to its own OS thread at start (backgroundThread.ts): on Linux the
 * name `swb-otel` and the lowest CPU priority (nice 19), so serving calls comes first on busy
 * cores. Nothing waits on the export, and its queue is bounded (full, it drops and counts).
 */
import { setUpBackgroundThread } from '../backgroundThread';

export const EXPORT_THREAD_NAME = 'swb-otel';
export const EXPORT_THREAD_NICE = 19;

/** Names the calling thread and lowers its priority; the nice value it now has, or null where none was set. */
export function setUpExportThread(platform: NodeJS.Platform = process.platform): number | null {
  return setUpBackgroundThread(EXPORT_THREAD_NAME, EXPORT_THREAD_NICE, platform).nice;
}
