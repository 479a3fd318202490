/**
 * Span work that need not happen before the answer leaves: a request's attributes, its end, its
 * duration records. The request takes its end time on its path and hands the rest here; it runs in
 * the next turn of the event loop, after the answer was written, while the agent reads it. The SDK
 * validates and copies every attribute and its span processor runs at `end()`, measured as most
 * of tracing's cost per call. Bounded: past the cap a task runs at once.
 */
const MAX_PENDING = 4096;

const tasks: (() => void)[] = [];
let scheduled = false;

export function afterResponse(task: () => void): void {
  if (tasks.length >= MAX_PENDING) {
    task();
    return;
  }
  tasks.push(task);
  if (!scheduled) {
    scheduled = true;
    setImmediate(drainAfterResponse);
  }
}

/** Runs what is pending now (before a flush or a shutdown). */
export function drainAfterResponse(): void {
  scheduled = false;
  // A task's failure must not lose the others (or a span's end).
  for (let i = 0; i < tasks.length; i++) {
    try {
      tasks[i]!();
    } catch {
      // Telemetry never fails a request; a broken span is dropped.
    }
  }
  tasks.length = 0;
}
