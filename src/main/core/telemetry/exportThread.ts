/**
 * What the export worker does to its own OS thread at start, on Linux: a name (`swb-otel`, what
 * `top -H` and /proc/PID/task/TID/comm show) and the lowest CPU priority (nice 19), so that when
 * the cores are busy the scheduler runs the threads that serve calls (the proxy's main thread, the
 * agent, the upstream servers) first and the export takes what is left: nothing waits on it, and
 * its queue is bounded (full, it drops and counts). Linux's setpriority(PRIO_PROCESS, 0) applies to
 * the calling thread only (libuv's uv_os_setpriority, os.setPriority(0, n)); elsewhere the same
 * call changes the whole process (macOS, Windows), so nothing is done there.
 */
import { getPriority, setPriority } from 'node:os';
import { nameThisThread } from '../activity/threadName';

export const EXPORT_THREAD_NAME = 'swb-otel';
export const EXPORT_THREAD_NICE = 19;

/** Names the calling thread and lowers its priority; the nice value it now has, or null where none was set. */
export function setUpExportThread(platform: NodeJS.Platform = process.platform): number | null {
  if (platform !== 'linux') return null;
  nameThisThread(EXPORT_THREAD_NAME);
  try {
    if (getPriority(0) < EXPORT_THREAD_NICE) setPriority(0, EXPORT_THREAD_NICE);
    return getPriority(0);
  } catch {
    // Not allowed here (a sandbox): the export runs at the process's priority, as before.
    return null;
  }
}
