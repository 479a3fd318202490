/**
 * Which event-loop stalls a collection explains: a 1 ms timer's lateness marks each stall over
 * `thresholdMs`, and PerformanceObserver `gc` entries say whether a GC ran inside it. A stall
 * with no GC in it is this thread's own work or the OS not scheduling it.
 */
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { round } from './stats';

export interface StallTrace {
  /** Stalls longer than the threshold. */
  stalls: number;
  /** Of those, how many overlapped a garbage collection. */
  duringGc: number;
  longestWithoutGcMs: number;
  longestMajorGcMs: number;
  longestMinorGcMs: number;
}

interface Span {
  start: number;
  ms: number;
}

export function traceStalls(thresholdMs = 10): { stop(): StallTrace } {
  const gcs: (Span & { major: boolean })[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      const kind = detail?.kind;
      gcs.push({
        start: entry.startTime,
        ms: entry.duration,
        major: kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const stalls: Span[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last - 1 > thresholdMs) stalls.push({ start: last, ms: now - last - 1 });
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      observer.disconnect();
      const overlapsGc = (stall: Span): boolean =>
        gcs.some((gc) => gc.start < stall.start + stall.ms + 1 && gc.start + gc.ms > stall.start);
      const withoutGc = stalls.filter((stall) => !overlapsGc(stall));
      const longest = (spans: Span[]): number => round(Math.max(0, ...spans.map((s) => s.ms)), 2);
      return {
        stalls: stalls.length,
        duringGc: stalls.length - withoutGc.length,
        longestWithoutGcMs: longest(withoutGc),
        longestMajorGcMs: longest(gcs.filter((gc) => gc.major)),
        longestMinorGcMs: longest(gcs.filter((gc) => !gc.major)),
      };
    },
  };
}
