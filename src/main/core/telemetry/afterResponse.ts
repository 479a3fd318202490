/**
 * Span work that need not happen before the answer leaves: a request's attributes, its end, its
 * duration records. The request takes its end time on its path and hands the rest here. The SDK
 * validates and copies every attribute and its span processor runs at `end()`, measured as most
 * of tracing's cost per call.
 *
 * The work runs in groups, not after each answer: every AFTER_RESPONSE_GROUP requests (in the
 * next turn of the event loop), else AFTER_RESPONSE_DELAY_MS after the first one waiting. Run
 * right after its own answer, each request's few microseconds of span code ran cold (the rest of
 * a proxied call evicts it from the caches) and took the core just as the agent woke up to read
 * the answer; in a group it runs as a warm loop, once per group. Bounded: past MAX_PENDING a task
 * runs at once. A flush or a shutdown runs what waits first (drainAfterResponse).
 */
export const AFTER_RESPONSE_GROUP = 32;
export const AFTER_RESPONSE_DELAY_MS = 20;
const MAX_PENDING = 4096;

const tasks: (() => void)[] = [];
let timer: NodeJS.Timeout | null = null;
let immediate: NodeJS.Immediate | null = null;

export function afterResponse(task: () => void): void {
  if (tasks.length >= MAX_PENDING) {
    task();
    return;
  }
  tasks.push(task);
  if (tasks.length >= AFTER_RESPONSE_GROUP) immediate ??= setImmediate(drainAfterResponse);
  else if (timer === null) {
    timer = setTimeout(drainAfterResponse, AFTER_RESPONSE_DELAY_MS);
    // Waiting span work never keeps the process alive: a stop drains it.
    timer.unref();
  }
}

/** Runs what is pending now (before a flush or a shutdown). */
export function drainAfterResponse(): void {
  if (timer !== null) clearTimeout(timer);
  if (immediate !== null) clearImmediate(immediate);
  timer = null;
  immediate = null;
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

/** Requests whose span work waits (for tests). */
export function pendingAfterResponse(): number {
  return tasks.length;
}
