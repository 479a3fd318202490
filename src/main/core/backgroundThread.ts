/**
 * What a worker that no call waits on does to its own OS thread at start, on Linux: a name (what
 * `top -H` and /proc/PID/task/TID/comm show) and a lower CPU priority (a higher nice value), so
 * that when the cores are busy the scheduler runs the threads that serve calls first and the
 * worker takes what is left. Linux's setpriority(PRIO_PROCESS, 0) applies to the calling thread
 * only, and libuv's uv_os_setpriority (os.setPriority(0, n)) is that call. Elsewhere the same call
 * changes the whole process (macOS, Windows), so nothing is done there.
 */
import { getPriority, setPriority } from 'node:os';
import { nameThisThread } from './activity/threadName';

export interface BackgroundThreadSetup {
  /** The nice value the thread now runs at, or null where none was set. */
  nice: number | null;
  /** Why not, when nothing was set. */
  skipped?: string;
}

/**
 * Names the calling thread and raises its nice value to `nice` (Linux only). A thread already
 * nicer keeps its value: lowering it needs privileges.
 */
export function setUpBackgroundThread(
  name: string,
  nice: number,
  platform: NodeJS.Platform = process.platform,
): BackgroundThreadSetup {
  if (platform !== 'linux')
    return { nice: null, skipped: `${platform} has no per-thread priority through Node` };
  nameThisThread(name);
  try {
    if (getPriority(0) < nice) setPriority(0, nice);
    return { nice: getPriority(0) };
  } catch (error) {
    // Not allowed here (a sandbox): the thread runs at the process's priority.
    return { nice: null, skipped: (error as Error).message };
  }
}
