/**
 * Activity store benchmark (1M records through the real queue and store API):
 * recorder throughput and event-loop stall, list / detail / summary / full-text latency,
 * export throughput and memory, database size. Run: `npx tsx test/bench/activityStore.bench.ts`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { encodeTime } from 'ulid';
import {
  createActivityStore,
  createRecordQueue,
  createWorkerRowWriter,
} from '../../src/main/core/activity';
import { openDatabase, type SwitchboardDatabase } from '../../src/main/core/db';
import { createActivityEventBus } from '../../src/main/core/events';
import type { ActivityQuery, ActivityRecord, ActivityStatus } from '../../src/shared/activity';
import { DEFAULT_ACTIVITY_SETTINGS } from '../../src/main/core/config';
import type { ActivitySettings } from '../../src/shared/servers';
import { RECORDER_WORKER_SOURCE } from '../support/workers';
import { runExportBench } from './export.bench';
import { median, percentile, round } from './stats';
import { traceStalls, type StallTrace } from './stallTrace';

export interface ActivityStoreBenchOptions {
  /** Records to generate (default 1,000,000). */
  records?: number;
  /** Repetitions per read measurement (default 40). */
  reps?: number;
  /** Child-process runs per export format (median reported; default 3). */
  exportRuns?: number;
  /** Keep the database directory afterwards. */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface Measured {
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

export interface ActivityStoreBenchResult {
  records: number;
  results: Record<string, Measured>;
}

// Retention limits out of the way: the bench measures a log of exactly the size it writes.
const SETTINGS: ActivitySettings = {
  ...DEFAULT_ACTIVITY_SETTINGS,
  activity_max_records: 10_000_000,
  activity_max_size_mb: 100_000,
};

const SERVERS: Record<string, string[]> = {
  github: [
    'search_repositories',
    'get_file_contents',
    'create_issue',
    'list_pull_requests',
    'delete_branch',
  ],
  filesystem: ['read_file', 'write_file', 'list_directory', 'search_files'],
  memory: ['create_entities', 'search_nodes', 'read_graph'],
  everything: ['echo', 'add', 'longRunningOperation'],
};
const TOOL_LIST = Object.entries(SERVERS).flatMap(([server, tools]) =>
  tools.map((tool) => ({ server, tool })),
);
const TOKENS = [
  { token_id: '01JTOKENCLAUDEDESKTOP00000', token_name: 'Claude Desktop' },
  { token_id: '01JTOKENCURSOR000000000000', token_name: 'Cursor' },
  { token_id: '01JTOKENVSCODE000000000000', token_name: 'VS Code' },
  { token_id: '01JTOKENCLAUDECODE00000000', token_name: 'Claude Code' },
  { token_id: '01JTOKENCI0000000000000000', token_name: 'CI agent' },
];

/** Deterministic pseudo-random numbers, so runs compare. */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function vocabulary(random: () => number, size: number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: size }, () => {
    const n = 3 + Math.floor(random() * 8);
    let word = '';
    for (let i = 0; i < n; i++) word += letters[Math.floor(random() * 26)];
    return word;
  });
}

/** Generates records oldest first across `days`, with realistic body sizes (0.1-2 KB). */
export function createGenerator(total: number, endMs: number, days: number) {
  const random = rng(42);
  const words = vocabulary(random, 20_000);
  const text = (n: number): string => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(words[Math.floor(random() ** 2 * words.length)] ?? 'x');
    return out.join(' ');
  };
  // A pool of bodies: generating 1M distinct 1 KB texts would measure the generator, not the store.
  const responses = Array.from({ length: 4000 }, () => text(20 + Math.floor(random() * 280)));
  const queries = Array.from({ length: 4000 }, () => text(2 + Math.floor(random() * 12)));
  // ULIDs in time order from a counter: ulid's own factory draws crypto randomness per id
  // (~40 µs), which would make the generator, not the recorder, the bottleneck.
  let counter = 0;
  const nextId = (ts: number): string =>
    encodeTime(ts, 10) + (counter++).toString(32).toUpperCase().padStart(16, '0');
  const startMs = endMs - days * 24 * 3600_000;
  const step = (endMs - startMs) / total;
  return (i: number): ActivityRecord => {
    const ts = Math.floor(startMs + i * step);
    const { server, tool } = TOOL_LIST[Math.floor(random() * random() * TOOL_LIST.length)] ?? {
      server: 'x',
      tool: 'y',
    };
    const r = random();
    const status: ActivityStatus = r < 0.02 ? 'blocked' : r < 0.07 ? 'error' : 'success';
    const token = TOKENS[Math.floor(random() * TOKENS.length)] ?? {
      token_id: null,
      token_name: null,
    };
    const args = {
      query: queries[i % queries.length],
      path: `/home/user/project/src/file${i % 500}.ts`,
      limit: 20,
    };
    const response =
      status === 'blocked' ? null : (responses[Math.floor(random() * responses.length)] ?? '');
    const argsBytes = JSON.stringify(args).length;
    return {
      id: nextId(ts),
      type: status === 'blocked' ? 'policy_decision' : 'tool_call',
      timestamp: new Date(ts).toISOString(),
      server_name: server,
      tool_name: tool,
      arguments: args,
      response,
      response_truncated: false,
      status,
      error_message: status === 'error' ? `upstream error: ${text(6)}` : null,
      error_kind: status === 'error' ? 'tool_error' : null,
      duration_ms: Math.round(5 + random() ** 3 * 3000),
      session_id: `session-${Math.floor(i / 500)}`,
      client_name: token.token_name ?? 'agent',
      client_version: '1.2.3',
      ...token,
      request_bytes: argsBytes,
      response_bytes: response?.length ?? 0,
      policy_id: status === 'blocked' ? 'no-deletes' : null,
      reason: status === 'blocked' ? 'Deletions need a human' : null,
      metadata: {},
    };
  };
}

function measure(reps: number, fn: (i: number) => void): { p50: number; p95: number } {
  fn(0); // warm the statement cache and pages
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}

interface RecorderRun {
  seconds: number;
  rowsPerS: number;
  stallMaxMs: number;
  delayP99Ms: number;
  delayP999Ms: number;
  stallTrace: StallTrace;
  published: number;
  enqueueUsPerRecord: number;
  /** Main event loop's busy time per row (generating, enqueueing, preparing; with the inline writer, committing). */
  mainBusyUsPerRow: number;
  samples: { ids: string[]; last?: ActivityRecord; nearEnd?: ActivityRecord };
}

/**
 * The event loop with the same producer and no recorder, for as long as a recorder run took: on a
 * shared machine the OS alone causes stalls, and this says how large they are in the same minute.
 */
async function baselineStall(
  durationMs: number,
  endMs: number,
): Promise<{ maxMs: number; p99Ms: number; p999Ms: number; stallTrace: StallTrace }> {
  const generate = createGenerator(10_000_000, endMs, 30);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const start = performance.now();
  const stallTracer = traceStalls();
  histogram.enable();
  let sink = 0;
  for (let i = 0; performance.now() - start < durationMs; i += 200) {
    for (let j = i; j < i + 200; j++) sink += generate(j).request_bytes;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const stallTrace = stallTracer.stop();
  histogram.disable();
  if (sink < 0) console.error(sink); // keeps the generated records from being optimised away
  return {
    maxMs: round(histogram.max / 1e6, 2),
    p99Ms: round(histogram.percentile(99) / 1e6, 2),
    p999Ms: round(histogram.percentile(99.9) / 1e6, 2),
    stallTrace,
  };
}

/**
 * Feeds `total` generated records through admit() and enqueue() as the gateway does, 200 per
 * turn of the event loop, and waits until all are committed. Records are generated as they go, so
 * the heap stays small and the stall measured is the recorder's, not a collector's walk of a
 * million pre-built records.
 */
async function recordThroughQueue(
  db: SwitchboardDatabase,
  writerKind: 'inline' | 'worker',
  total: number,
  endMs: number,
): Promise<RecorderRun> {
  const generate = createGenerator(total, endMs, 30);
  const bus = createActivityEventBus();
  let published = 0;
  bus.subscribe(() => published++);
  const queue = createRecordQueue({
    db,
    ...(writerKind === 'worker'
      ? { writer: createWorkerRowWriter({ entry: RECORDER_WORKER_SOURCE, file: db.path }) }
      : {}),
    bus,
    settings: () => SETTINGS,
    onError: (e) => console.error(`queue error: ${e.message}`),
  });
  const samples: RecorderRun['samples'] = { ids: [] };
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let enqueueMs = 0;
  const start = performance.now();
  const eluStart = performance.eventLoopUtilization();
  const stallTracer = traceStalls();
  histogram.enable();
  for (let i = 0; i < total; i += 200) {
    await queue.admit();
    const batch: ActivityRecord[] = [];
    for (let j = i; j < Math.min(total, i + 200); j++) {
      const record = generate(j);
      if (j % 997 === 0) samples.ids.push(record.id);
      if (j === total - 3) samples.nearEnd = record;
      if (j === total - 1) samples.last = record;
      batch.push(record);
    }
    const t = performance.now();
    for (const record of batch) queue.enqueue(record);
    enqueueMs += performance.now() - t;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await queue.close();
  const stallTrace = stallTracer.stop();
  histogram.disable();
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds,
    rowsPerS: Math.round(total / seconds),
    stallMaxMs: round(histogram.max / 1e6, 2),
    delayP99Ms: round(histogram.percentile(99) / 1e6, 2),
    delayP999Ms: round(histogram.percentile(99.9) / 1e6, 2),
    stallTrace,
    published,
    enqueueUsPerRecord: round((enqueueMs * 1000) / total, 3),
    mainBusyUsPerRow: round((performance.eventLoopUtilization(eluStart).active * 1000) / total, 1),
    samples,
  };
}

export async function runActivityStoreBench(
  options: ActivityStoreBenchOptions = {},
): Promise<ActivityStoreBenchResult> {
  const total = options.records ?? 1_000_000;
  const reps = options.reps ?? 40;
  const log = options.log ?? ((line: string) => console.error(line));
  const dir = mkdtempSync(join(tmpdir(), 'swb-bench-store-'));
  const file = join(dir, 'activity.db');
  if (options.keep) log(`database: ${file}`);
  const db = openDatabase(file);
  const results: Record<string, Measured> = {};
  const put = (name: string, value: number, unit: string, target?: [string, boolean]) => {
    results[name] = target ? { value, unit, target: target[0], met: target[1] } : { value, unit };
    log(
      `${name}: ${value} ${unit}${target ? ` (target ${target[0]}: ${target[1] ? 'met' : 'MISSED'})` : ''}`,
    );
  };

  try {
    // --- Recorder, side by side on fresh databases: the writer on the main thread (before) and
    // in the recorder worker (what serve and the desktop app run).
    const sideBySide = Math.min(total, 100_000);
    for (const writer of ['inline', 'worker'] as const) {
      const sideDir = mkdtempSync(join(tmpdir(), 'swb-bench-recorder-'));
      const sideDb = openDatabase(join(sideDir, 'activity.db'));
      try {
        const run = await recordThroughQueue(sideDb, writer, sideBySide, Date.now());
        put(`recorder_${writer}_${sideBySide / 1000}k_rows_per_s`, run.rowsPerS, 'rows/s');
        put(`recorder_${writer}_${sideBySide / 1000}k_stall_max_ms`, run.stallMaxMs, 'ms');
        put(
          `recorder_${writer}_${sideBySide / 1000}k_main_busy_us_per_row`,
          run.mainBusyUsPerRow,
          'µs',
        );
      } finally {
        sideDb.close();
        rmSync(sideDir, { recursive: true, force: true });
      }
    }

    // --- Recorder into the log this bench then queries: the worker, growing to `total` records.
    const endMs = Date.now();
    const run = await recordThroughQueue(db, 'worker', total, endMs);
    const { samples } = run;
    put('recorder_rows_per_s', run.rowsPerS, 'rows/s', ['>= 100,000', run.rowsPerS >= 100_000]);
    put('recorder_event_loop_stall_max_ms', run.stallMaxMs, 'ms', ['<= 10', run.stallMaxMs <= 10]);
    // As long as the recorder ran: the longest stall of a run, and the count, grow with its length.
    const baseline = await baselineStall(Math.min(run.seconds * 1000, 300_000), endMs);
    put('baseline_event_loop_stall_max_ms', baseline.maxMs, 'ms');
    put('baseline_event_loop_delay_p99_ms', baseline.p99Ms, 'ms');
    put('baseline_event_loop_delay_p999_ms', baseline.p999Ms, 'ms');
    put('recorder_event_loop_delay_p99_ms', run.delayP99Ms, 'ms');
    put('recorder_event_loop_delay_p999_ms', run.delayP999Ms, 'ms');
    for (const [who, trace] of [
      ['recorder', run.stallTrace],
      ['baseline', baseline.stallTrace],
    ] as const) {
      put(`${who}_stalls_over_10ms`, trace.stalls, 'stalls');
      put(`${who}_stalls_over_10ms_during_gc`, trace.duringGc, 'stalls');
      put(`${who}_longest_stall_without_gc_ms`, trace.longestWithoutGcMs, 'ms');
      put(`${who}_longest_major_gc_ms`, trace.longestMajorGcMs, 'ms');
      put(`${who}_longest_minor_gc_ms`, trace.longestMinorGcMs, 'ms');
    }
    put('published_events', run.published, 'events');
    put('enqueue_us_per_record', run.enqueueUsPerRecord, 'µs');
    put('recorder_main_busy_us_per_row', run.mainBusyUsPerRow, 'µs');

    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.sqlite.pragma('optimize');
    const store = createActivityStore(db, { path: file });

    // --- List pages, one filter at a time (p95 over `reps` runs; each runs count too).
    const last = samples.last;
    const dayAgo = new Date(endMs - 24 * 3600_000).toISOString();
    const queries: Record<string, ActivityQuery> = {
      none: {},
      type: { type: ['policy_decision'] },
      server: { server: 'memory' },
      tool: { tool: 'read_file' },
      session: { session_id: last?.session_id ?? 'session-1' },
      status: { status: ['error'] },
      token_id: { token: TOKENS[1]?.token_id },
      token_name: { token: 'VS Code' },
      time_range_24h: { start_time: dayAgo },
      server_and_status: { server: 'github', status: ['error'] },
    };
    for (const [name, query] of Object.entries(queries)) {
      const { p95 } = measure(reps, () => store.list(query));
      put(`list_${name}_p95_ms`, p95, 'ms', ['<= 15', p95 <= 15]);
    }
    const deepOffset = measure(reps, (i) => store.list({ offset: 5000 + i * 10 }));
    put('list_offset_5000_p95_ms', deepOffset.p95, 'ms', ['<= 15', deepOffset.p95 <= 15]);
    // A cursor half-way down the log, as reached by paging.
    const middle = store.list({ offset: Math.floor(total / 2), limit: 1 });
    const middleRow = middle.activities[0];
    const cursorPage = store.list({ start_time: middleRow?.timestamp, limit: 100 });
    const deepCursor =
      store.list({ end_time: cursorPage.activities[0]?.timestamp, limit: 100 }).next_cursor ??
      undefined;
    const deepByCursor = measure(reps, () => store.list({ cursor: deepCursor }));
    put('list_cursor_deep_p95_ms', deepByCursor.p95, 'ms', ['<= 15', deepByCursor.p95 <= 15]);

    // --- Detail.
    const ids = samples.ids;
    const detail = measure(reps * 5, (i) => store.get(ids[i % ids.length] ?? ''));
    put('detail_p95_ms', detail.p95, 'ms', ['<= 2', detail.p95 <= 2]);

    // --- Summary.
    const now = new Date(endMs + 1);
    const summary30 = measure(Math.max(5, reps / 4), () => store.summary('30d', {}, now));
    put('summary_30d_p95_ms', summary30.p95, 'ms', ['<= 200', summary30.p95 <= 200]);
    const summary24 = measure(Math.max(5, reps / 4), () => store.summary('24h', {}, now));
    put('summary_24h_p95_ms', summary24.p95, 'ms');
    const summaryServer = measure(Math.max(5, reps / 4), () =>
      store.summary('30d', { server: 'memory' }, now),
    );
    put('summary_30d_server_p95_ms', summaryServer.p95, 'ms');

    // --- Full text.
    const sample = samples.nearEnd;
    const word = String(sample?.arguments?.query ?? 'a').split(' ')[0] ?? 'a';
    const fullText: Record<string, ActivityQuery> = {
      common_word: { q: word },
      prefix: { q: word.slice(0, 3) },
      two_words: {
        q: String(sample?.arguments?.query ?? 'a b')
          .split(' ')
          .slice(0, 2)
          .join(' '),
      },
      rare: { q: 'upstream error' },
      no_match: { q: 'zzzzqqqq' },
      with_server: { q: word, server: 'github' },
    };
    for (const [name, query] of Object.entries(fullText)) {
      const { p95 } = measure(Math.max(10, reps / 2), () => store.list(query));
      put(`fulltext_${name}_p95_ms`, p95, 'ms', ['<= 50', p95 <= 50]);
    }

    // --- Export: each format in a child process of its own (export.bench.ts), so its peak RSS is
    // the export's, read straight from the database file as serve does.
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const exported = await runExportBench({ file, runs: options.exportRuns ?? 3, log });
    for (const [name, measured] of Object.entries(exported)) {
      results[name] = measured;
      log(`${name}: ${measured.value} ${measured.unit}`);
    }

    // --- Size.
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const size = statSync(file).size;
    put('db_bytes_per_1m_rows_mb', round(((size / total) * 1e6) / 1024 / 1024, 1), 'MB');
    try {
      const parts = db.sqlite
        .prepare<[], { name: string; bytes: number }>(
          'SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 12',
        )
        .all();
      for (const part of parts)
        put(`db_part_${part.name}_mb`, round(part.bytes / 1024 / 1024, 1), 'MB');
    } catch {
      // dbstat is optional in SQLite builds.
    }
    return { records: total, results };
  } finally {
    db.close();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

export { median };

if (import.meta.url === `file://${process.argv[1]}`) {
  const records = Number(process.env.BENCH_RECORDS ?? 1_000_000);
  void runActivityStoreBench({ records, keep: process.env.BENCH_KEEP === '1' }).then((result) =>
    console.log(JSON.stringify(result, null, 2)),
  );
}
