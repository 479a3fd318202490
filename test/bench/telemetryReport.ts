/**
 * The telemetry section of docs/PERFORMANCE.md (SPEC 13, issue 16): telemetry off vs on measured
 * side by side in each run (telemetryOverhead.bench.ts), medians of the runs.
 */
import { median, round } from './stats';
import type { LatencyAndCpu, TelemetryOverheadResult } from './telemetryOverhead.bench';
import type { TelemetryPathCpu } from './telemetryPathCpu';

export interface TelemetryOverheadSummary {
  runs: number;
  calls_per_setting: number;
  off: LatencyAndCpu;
  on: LatencyAndCpu;
  overhead_p50_ms: number;
  overhead_p99_ms: number;
  overhead_cpu_ms_per_call: number | null;
  /** The export worker thread's CPU over the whole timed part, per telemetry-on call. */
  export_thread_cpu_ms_per_call: number | null;
  /** Per run: on - off at p50, to show the spread. */
  overhead_p50_runs_ms: number[];
  dropped_spans: number;
  exported_spans: number;
  /** The tracing wrappers' own CPU per call, in-process (telemetryPathCpu.ts). */
  path_cpu: TelemetryPathCpu;
}

/** The target of issue 16: telemetry on adds at most this at p50. */
export const TELEMETRY_P50_TARGET_MS = 0.1;

const medianOf = (values: (number | null)[]): number | null =>
  values.some((value) => value === null) ? null : round(median(values as number[]));

function medianLatency(results: TelemetryOverheadResult[], which: 'off' | 'on'): LatencyAndCpu {
  return {
    p50_ms: round(median(results.map((r) => r[which].p50_ms))),
    p99_ms: round(median(results.map((r) => r[which].p99_ms))),
    calls: results[0]![which].calls,
    proxy_cpu_ms_per_call: medianOf(results.map((r) => r[which].proxy_cpu_ms_per_call)),
    proxy_main_thread_cpu_ms_per_call: medianOf(
      results.map((r) => r[which].proxy_main_thread_cpu_ms_per_call),
    ),
  };
}

export function summarizeTelemetryRuns(
  results: TelemetryOverheadResult[],
  pathCpu: TelemetryPathCpu,
): TelemetryOverheadSummary {
  return {
    runs: results.length,
    calls_per_setting: results[0]!.off.calls,
    off: medianLatency(results, 'off'),
    on: medianLatency(results, 'on'),
    overhead_p50_ms: round(median(results.map((r) => r.overhead_p50_ms))),
    overhead_p99_ms: round(median(results.map((r) => r.overhead_p99_ms))),
    overhead_cpu_ms_per_call: medianOf(results.map((r) => r.overhead_cpu_ms_per_call)),
    export_thread_cpu_ms_per_call: medianOf(results.map((r) => r.export_thread_cpu_ms_per_call)),
    overhead_p50_runs_ms: results.map((r) => r.overhead_p50_ms),
    dropped_spans: results.reduce((sum, r) => sum + r.exporter.dropped_spans, 0),
    exported_spans: results.reduce((sum, r) => sum + r.exporter.exported_spans, 0),
    path_cpu: pathCpu,
  };
}

export function renderTelemetry(summary: TelemetryOverheadSummary): string {
  const cpu = (value: number | null): string => (value === null ? 'n/a' : `${value} ms`);
  const met = summary.overhead_p50_ms <= TELEMETRY_P50_TARGET_MS;
  return [
    `## Telemetry overhead (medians of ${summary.runs} runs, off and on side by side)`,
    '',
    `Sequential \`echo\` calls (${summary.calls_per_setting} per setting and run) through two gateway processes, telemetry off and on`,
    '(every call exported as a SERVER and a CLIENT span, plus the duration metrics, to a collector on',
    '127.0.0.1), alternating rounds between them. CPU is the proxy process’s own, from /proc: all',
    'threads (the export worker’s included), and its main thread, which serves the requests.',
    '',
    `| telemetry | p50 ms | p99 ms | proxy CPU per call | main thread |`,
    `|---|---|---|---|---|`,
    `| off | ${summary.off.p50_ms} | ${summary.off.p99_ms} | ${cpu(summary.off.proxy_cpu_ms_per_call)} | ${cpu(summary.off.proxy_main_thread_cpu_ms_per_call)} |`,
    `| on | ${summary.on.p50_ms} | ${summary.on.p99_ms} | ${cpu(summary.on.proxy_cpu_ms_per_call)} | ${cpu(summary.on.proxy_main_thread_cpu_ms_per_call)} |`,
    '',
    `| on − off | measured | target | |`,
    `|---|---|---|---|`,
    `| p50 | ${summary.overhead_p50_ms} ms (runs: ${summary.overhead_p50_runs_ms.join(', ')}) | ≤ ${TELEMETRY_P50_TARGET_MS} ms | ${met ? 'met' : '**missed**'} |`,
    `| p99 | ${summary.overhead_p99_ms} ms | | |`,
    `| proxy CPU per call | ${cpu(summary.overhead_cpu_ms_per_call)} | | |`,
    `| export worker thread (nice 19), CPU per call over the whole run | ${cpu(summary.export_thread_cpu_ms_per_call)} | | |`,
    '',
    `Spans exported ${summary.exported_spans}, dropped ${summary.dropped_spans}.`,
    '',
    'The tracing path alone, in-process (`process.cpuUsage`, so a busy machine’s scheduling does not',
    'drown it): the real wrappers around a handler whose upstream answers at once, export included.',
    '',
    `| CPU per call | off | on | on − off |`,
    `|---|---|---|---|`,
    `| tracing path, all threads | ${summary.path_cpu.off_us_per_call} µs | ${summary.path_cpu.on_us_per_call} µs | ${summary.path_cpu.overhead_us_per_call} µs |`,
    `| tracing path, main thread | ${summary.path_cpu.main_thread_off_us_per_call ?? 'n/a'} µs | ${summary.path_cpu.main_thread_on_us_per_call ?? 'n/a'} µs | ${summary.path_cpu.main_thread_overhead_us_per_call ?? 'n/a'} µs |`,
  ].join('\n');
}
