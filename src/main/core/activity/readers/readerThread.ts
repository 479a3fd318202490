/**
 * What a reader worker does to its own OS thread at start, on Linux: a name (`swb-reader`, what
 * `top -H` and /proc/PID/task/TID/comm show), a lower CPU priority (a higher nice value) and the
 * SCHED_IDLE policy, so that when the cores are busy the scheduler runs the thread that proxies
 * calls first and the reads take what is left. Linux's setpriority(PRIO_PROCESS, 0) applies to the
 * calling thread only, and libuv's uv_os_setpriority (os.setPriority(0, n)) is that call. Node has
 * no sched_setscheduler, so the policy is set by util-linux's `chrt` on the thread's id. Elsewhere
 * the priority call changes the whole process (macOS, Windows), so nothing is done there.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { nameThisThread } from '../threadName';

export const READER_THREAD_NAME = 'swb-reader';

/**
 * The readers' nice value. The highest: reads are never what a user waits for while calls run,
 * and a thread at nice 19 still gets every cycle nothing else wants (see docs/READERS.md).
 */
export const READER_NICE = 19;

/** SCHED_IDLE's number in /proc/PID/task/TID/stat (field 41, policy). */
const SCHED_IDLE = 5;

export interface ReaderThreadSetup {
  /** The nice value the thread now runs at, or null where none was set. */
  nice: number | null;
  /** Whether the thread runs under SCHED_IDLE (see docs/READERS.md). */
  idle: boolean;
  /** Why not, when no priority or no SCHED_IDLE was set. */
  skipped?: string;
}

/** Runs `chrt` with `args`; its exit status and stderr, or the error that kept it from running. */
export type RunChrt = (args: string[]) => { status: number | null; stderr: string; error?: Error };

const runChrt: RunChrt = (args) => {
  const run = spawnSync('chrt', args, { encoding: 'utf8', timeout: 5000, stdio: 'pipe' });
  return {
    status: run.status,
    stderr: run.stderr ?? '',
    ...(run.error ? { error: run.error } : {}),
  };
};

/** Throws a RangeError naming the value unless it is a nice value (an integer, -20 to 19). */
export function checkReaderNice(nice: number): void {
  if (!Number.isInteger(nice) || nice < -20 || nice > 19)
    throw new RangeError(`reader nice value: expected an integer from -20 to 19, got ${nice}`);
}

/** The calling thread's Linux id: /proc/thread-self links to `PID/task/TID`. */
export function thisThreadId(): number {
  return Number(readlinkSync('/proc/thread-self').split('/').pop());
}

/** The scheduling policy of thread `tid` of this process (field 41 of its stat). */
export function threadPolicy(tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
}

/** Puts the calling thread under SCHED_IDLE; null when done, else why not. */
function enterSchedIdle(run: RunChrt): string | null {
  try {
    const tid = thisThreadId();
    const result = run(['--idle', '-p', '0', String(tid)]);
    if (result.error !== undefined) return `chrt could not run (${result.error.message})`;
    if (result.status !== 0) return `chrt failed (${result.status}): ${result.stderr.trim()}`;
    return threadPolicy(tid) === SCHED_IDLE ? null : 'chrt ran but the policy did not change';
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Names the calling thread, raises its nice value to `nice` and, with `idle`, puts it under
 * SCHED_IDLE (Linux only; see the module comment). A thread already nicer keeps its value:
 * lowering it needs privileges. Without chrt the thread keeps its nice value alone.
 */
export function setUpReaderThread(
  nice: number = READER_NICE,
  idle = true,
  platform: NodeJS.Platform = process.platform,
  run: RunChrt = runChrt,
): ReaderThreadSetup {
  checkReaderNice(nice);
  if (platform !== 'linux')
    return {
      nice: null,
      idle: false,
      skipped: `${platform} has no per-thread priority through Node`,
    };
  nameThisThread(READER_THREAD_NAME);
  let setNice: number | null;
  try {
    if (getPriority(0) < nice) setPriority(0, nice);
    setNice = getPriority(0);
  } catch (error) {
    return { nice: null, idle: false, skipped: (error as Error).message };
  }
  if (!idle) return { nice: setNice, idle: false };
  const failed = enterSchedIdle(run);
  return failed === null
    ? { nice: setNice, idle: true }
    : { nice: setNice, idle: false, skipped: `no SCHED_IDLE: ${failed}` };
}
