/**
 * Export benchmark (issue #5, benchmark 4): CSV and JSON Lines export of an existing activity
 * database, each run in a child process so the peak RSS is the export's own (not the memory of
 * whatever generated the data). Rows/s is wall time, rows per CPU-second is what the export
 * costs when the shared machine makes it wait for a core.
 * Run: `npx tsx test/bench/export.bench.ts <activity.db> [--runs N] [--source lines|store]`.
 * The database is opened through openDatabase (it may run `PRAGMA optimize`): pass a copy.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createActivityStore,
  createExportLines,
  createExportStream,
} from '../../src/main/core/activity';
import { openDatabase } from '../../src/main/core/db';
import type { ExportFormat } from '../../src/shared/activity';
import { median, round } from './stats';

export interface Measured {
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

/**
 * `lines`: createExportLines, the database file read directly (the fast path). `store`: the same
 * stream reading through an ActivityStore's record iterators, for comparison.
 */
export type ExportBenchSource = 'lines' | 'store';

export interface ExportBenchOptions {
  /** An existing activity database (a copy: opening it may write statistics). */
  file: string;
  /** Runs per case; medians are reported (default 3). */
  runs?: number;
  source?: ExportBenchSource;
  log?: (line: string) => void;
}

interface ExportCase {
  format: ExportFormat;
  include_bodies: boolean;
}

interface ChildResult {
  rows: number;
  lines: number;
  bytes: number;
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  /** RSS when the export starts (Node, the tsx loader, the opened database): not the export's. */
  startRssMb: number;
  /**
   * Highest RSS sampled at each chunk written while the export ran. A timer would not fire: the
   * sink is synchronous, so the whole export runs without reaching the timers phase.
   */
  exportRssMb: number;
}

const CASES = {
  csv: { format: 'csv', include_bodies: false },
  jsonl: { format: 'jsonl', include_bodies: false },
  jsonl_with_bodies: { format: 'jsonl', include_bodies: true },
} satisfies Record<string, ExportCase>;

const TARGET_ROWS_PER_S = 250_000;
const TARGET_PEAK_RSS_MB = 150;

/** Child side: one export of the whole log into a sink that counts lines and bytes. */
async function exportOnce(
  file: string,
  exportCase: ExportCase,
  source: ExportBenchSource,
): Promise<ChildResult> {
  // Open as the app does (its connection exists whatever the export reads through).
  const db = openDatabase(file);
  try {
    const store = source === 'lines' ? createExportLines({ path: file }) : createActivityStore(db);
    let lines = 0;
    let bytes = 0;
    let rows = 0;
    let exportRss = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        exportRss = Math.max(exportRss, process.memoryUsage.rss());
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        callback();
      },
    });
    const startRssMb = round(process.memoryUsage().rss / 1024 / 1024, 1);
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await pipeline(
      createExportStream({
        store,
        filter: {},
        format: exportCase.format,
        include_bodies: exportCase.include_bodies,
        onRows: (n) => {
          rows = n;
        },
      }),
      sink,
    );
    const cpu = process.cpuUsage(cpuStart);
    return {
      rows,
      lines,
      bytes,
      wallS: (performance.now() - start) / 1000,
      cpuS: (cpu.user + cpu.system) / 1e6,
      // maxRSS is in kilobytes; the whole child's peak, startup included.
      peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
      startRssMb,
      exportRssMb: round(exportRss / 1024 / 1024, 1),
    };
  } finally {
    db.close();
  }
}

function runChild(
  file: string,
  exportCase: ExportCase,
  source: ExportBenchSource,
): Promise<ChildResult> {
  const args = [
    '--import',
    'tsx',
    import.meta.filename,
    '--child',
    JSON.stringify({ file, source, exportCase }),
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.once('error', fail);
    child.once('exit', (code) => {
      if (code === 0) done(JSON.parse(out) as ChildResult);
      else fail(new Error(`export bench child exited with ${code}`));
    });
  });
}

export async function runExportBench(
  options: ExportBenchOptions,
): Promise<Record<string, Measured>> {
  const runs = options.runs ?? 3;
  const source = options.source ?? 'lines';
  const log = options.log ?? ((line: string) => console.error(line));
  if (!existsSync(options.file)) throw new Error(`${options.file}: no such database file`);
  const samples = new Map<string, ChildResult[]>();
  // Cases alternate within each round, so a noisy minute on the shared machine hits them all.
  for (let run = 0; run < runs; run++) {
    for (const [name, exportCase] of Object.entries(CASES)) {
      const result = await runChild(options.file, exportCase, source);
      // JSON Lines escape newlines: every row is exactly one line.
      if (exportCase.format === 'jsonl' && result.lines !== result.rows) {
        throw new Error(`export ${name}: ${result.lines} lines for ${result.rows} rows`);
      }
      log(
        `export ${name} run ${run + 1}: ${result.rows} rows in ${round(result.wallS, 2)} s ` +
          `(${round(result.cpuS, 2)} s CPU), peak RSS ${result.peakRssMb} MB ` +
          `(${result.startRssMb} MB at the start, ${result.exportRssMb} MB while exporting)`,
      );
      samples.set(name, [...(samples.get(name) ?? []), result]);
    }
  }
  const results: Record<string, Measured> = {};
  const medianOf = (name: string, value: (r: ChildResult) => number): number =>
    median((samples.get(name) ?? []).map(value));
  for (const name of Object.keys(CASES)) {
    const rowsPerS = Math.round(medianOf(name, (r) => r.rows / r.wallS));
    const withTarget = name !== 'jsonl_with_bodies';
    results[`export_${name}_rows_per_s`] = withTarget
      ? {
          value: rowsPerS,
          unit: 'rows/s',
          target: '>= 250,000',
          met: rowsPerS >= TARGET_ROWS_PER_S,
        }
      : { value: rowsPerS, unit: 'rows/s' };
    if (!withTarget) continue;
    results[`export_${name}_rows_per_cpu_s`] = {
      value: Math.round(medianOf(name, (r) => r.rows / r.cpuS)),
      unit: 'rows/s',
    };
    const rss = medianOf(name, (r) => r.peakRssMb);
    results[`export_${name}_peak_rss_mb`] = {
      value: rss,
      unit: 'MB',
      target: '< 150',
      met: rss < TARGET_PEAK_RSS_MB,
    };
    results[`export_${name}_rss_while_exporting_mb`] = {
      value: medianOf(name, (r) => r.exportRssMb),
      unit: 'MB',
    };
  }
  return results;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain && process.argv[2] === '--child') {
  const { file, source, exportCase } = JSON.parse(process.argv[3] ?? '{}') as {
    file: string;
    source: ExportBenchSource;
    exportCase: ExportCase;
  };
  process.stdout.write(JSON.stringify(await exportOnce(file, exportCase, source)));
} else if (isMain) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write(
      'usage: npx tsx test/bench/export.bench.ts <activity.db> [--runs N] [--source lines|store]\n',
    );
    process.exit(2);
  }
  const flag = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at === -1 ? undefined : process.argv[at + 1];
  };
  const runs = Number(flag('--runs') ?? 3);
  const source = (flag('--source') ?? 'lines') as ExportBenchSource;
  if (source !== 'lines' && source !== 'store') {
    process.stderr.write(`--source: expected lines or store, got ${source}\n`);
    process.exit(2);
  }
  const results = await runExportBench({ file, runs, source });
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
