/**
 * Main-thread CPU time of the page's tasks, from a Chromium trace of the `toplevel` category.
 * A long task (PerformanceObserver) is wall time: on a shared 2-core machine a task of 10 ms of
 * work that is descheduled for 80 ms counts as a 90 ms long task. The trace's thread time (`tdur`)
 * says how much of it was the page's own work.
 */

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskCpu {
  /** Tasks that ran over 50 ms of wall time (what the long-task observer counts). */
  long_tasks_wall: number;
  /** Of those, the tasks whose own main-thread CPU time was over 50 ms. */
  long_tasks_cpu: number;
  /** The most main-thread CPU time any one task took. */
  longest_task_cpu_ms: number;
}

const TASK = 'ThreadControllerImpl::RunTask';
const LONG_US = 50_000;

export function taskCpuOf(trace: Buffer | string): TaskCpu {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  let wall = 0;
  let cpu = 0;
  let longestCpu = 0;
  for (const event of events) {
    if (event.name !== TASK || event.ph !== 'X') continue;
    if (!mainThreads.has(`${event.pid}:${event.tid}`)) continue;
    if ((event.dur ?? 0) > LONG_US) wall++;
    if ((event.tdur ?? 0) > LONG_US) cpu++;
    longestCpu = Math.max(longestCpu, event.tdur ?? 0);
  }
  return {
    long_tasks_wall: wall,
    long_tasks_cpu: cpu,
    longest_task_cpu_ms: Math.round(longestCpu / 100) / 10,
  };
}
