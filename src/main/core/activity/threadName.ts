/**
 * Names the calling OS thread on Linux (what `top -H`, `ps -L` and /proc/PID/task/TID/comm show),
 * so a worker's CPU can be told from the main thread's. /proc/thread-self is the calling thread;
 * Linux keeps the first 15 characters. A diagnostic only: where it fails, nothing changes.
 */
import { writeFileSync } from 'node:fs';

export function nameThisThread(name: string): void {
  if (process.platform !== 'linux') return;
  try {
    writeFileSync('/proc/thread-self/comm', name.slice(0, 15));
  } catch {
    // No /proc (a sandbox): the thread keeps its name.
  }
}
