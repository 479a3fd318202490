/**
 * What a reader worker does to its own OS thread at start, on Linux: a name (`swb-reader`, what
 * `top -H` and /proc/PID/task/TID/comm show) and a lower CPU priority (a higher nice value), so
 * that when the cores are busy the scheduler runs the thread that proxies calls first and the
 * reads take what is left. Linux's setpriority(PRIO_PROCESS, 0) applies to the calling thread
 * only, and libuv's uv_os_setpriority (os.setPriority(0, n)) is that call. Elsewhere the same call
 * changes the whole process (macOS, Windows), so nothing is done there.
 */
import { getPriority, setPriority } from 'node:os';
import { nameThisThread } from '../threadName';

export const READER_THREAD_NAME = 'swb-reader';

/**
 * The readers' nice value. The highest: reads are never what a user waits for while calls run,
 * and a thread at nice 19 still gets every cycle nothing else wants (see docs/READERS.md).
 */
export const READER_NICE = 19;

export interface ReaderThreadSetup {
  /** The nice value the thread now runs at, or null where none was set. */
  nice: number | null;
  /** Why not, when nothing was set. */
  skipped?: string;
}

/** Throws a RangeError naming the value unless it is a nice value (an integer, -20 to 19). */
export function checkReaderNice(nice: number): void {
  if (!Number.isInteger(nice) || nice < -20 || nice > 19)
    throw new RangeError(`reader nice value: expected an integer from -20 to 19, got ${nice}`);
}

/**
 * Names the calling thread and raises its nice value to `nice` (Linux only; see the module
 * comment). A thread already nicer keeps its value: lowering it needs privileges.
 */
export function setUpReaderThread(
  nice: number = READER_NICE,
  platform: NodeJS.Platform = process.platform,
): ReaderThreadSetup {
  checkReaderNice(nice);
  if (platform !== 'linux')
    return { nice: null, skipped: `${platform} has no per-thread priority through Node` };
  nameThisThread(READER_THREAD_NAME);
  try {
    if (getPriority(0) < nice) setPriority(0, nice);
    return { nice: getPriority(0) };
  } catch (error) {
    return { nice: null, skipped: (error as Error).message };
  }
}
