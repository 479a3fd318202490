/**
 * SPEC 12's costs. `npx tsx test/bench/chain.bench.ts` (CHAIN_BENCH_RECORDS, CHAIN_BENCH_WRITES
 * to resize); `npm run bench` runs it as its `chain` section.
 * - the recorder's commit with the chain (hash per row, head update, a signed checkpoint per
 *   1,000 rows) beside the same commit without it (the statement of the build before the chain),
 *   on fresh databases with the store bench's records, each batch to both in turn;
 * - verify over a 1M-record log as `switchboard activity verify` runs it: its parts on two reader
 *   threads (parallelVerify.ts), records/s; beside it the sequential verifier on
 *   one thread, records/s by wall and CPU time (the machine is shared), and the process's memory
 *   while it runs.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivityWriter } from '../../src/main/core/activity/recorder/activityWriter';
import {
  INSERT_ACTIVITY_SQL,
  toInsertParams,
  type ActivityInsertParams,
} from '../../src/main/core/activity/recordRow';
import {
  createChainAppender,
  createCheckpointSigner,
  ensureAuditKey,
  loadPrivateKey,
  loadPublicKey,
  verifyChain,
} from '../../src/main/core/audit';
import { createReaderPool } from '../../src/main/core/activity/readers';
import { openDatabase, type SwitchboardDatabase } from '../../src/main/core/db';
import type { ChainVerifyResult } from '../../src/shared/audit';
import { READER_WORKER_SOURCE } from '../support/workers';
import { createGenerator } from './activityStore.bench';
import { median, round } from './stats';

export interface ChainBenchResult {
  records: number;
  writes: number;
  runs: number;
  recorder_without_chain_rows_per_s: number;
  recorder_with_chain_rows_per_s: number;
  /** With / without, the median of the runs' side-by-side ratios. */
  recorder_chain_ratio: number;
  /** The same commits by the writer thread's CPU time: less at the mercy of other processes. */
  recorder_chain_ratio_cpu: number;
  verify_log_build_s: number;
  /** The reader pool's verify (two threads), as the CLI runs it. */
  verify_records_per_s: number;
  verify_seconds: number;
  /** The sequential verifier on one thread, by wall and by CPU time. */
  verify_one_thread_records_per_s: number;
  verify_one_thread_records_per_cpu_s: number;
  /** Growth of the memory the process holds while verify runs (heldMemoryMb). */
  verify_rss_growth_mb: number;
  load_average: number;
}

const BATCH = 200;

/**
 * The 1M-record log (about 2.6 GB) is built in memory-backed /dev/shm where there is one: on a
 * shared disk its build would take minutes and measure the disk. Verify's repeated runs read it
 * from the page cache either way.
 */
const scratchRoot = (): string => (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

function signerFor(dir: string) {
  const key = ensureAuditKey(dir);
  return createCheckpointSigner(loadPrivateKey(key.privateKeyFile), key.fingerprint);
}

/** The recorder's transaction as it was before the chain (pre-migration-5 activityWriter.ts). */
function unchainedWriter(db: SwitchboardDatabase): (rows: readonly ActivityInsertParams[]) => void {
  const insert = db.sqlite.prepare<ActivityInsertParams>(INSERT_ACTIVITY_SQL);
  const insertFts = db.sqlite.prepare(
    `INSERT INTO activity_fts (rowid, tool_name, arguments, response, error_message, reason)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const addTotal = db.sqlite.prepare(
    'UPDATE activity_totals SET records = records + ? WHERE id = 1',
  );
  return db.sqlite.transaction((rows: readonly ActivityInsertParams[]) => {
    for (const row of rows) {
      const seq = Number(insert.run(row).lastInsertRowid);
      insertFts.run(seq, row.tool_name, row.arguments, row.response, row.error_message, row.reason);
    }
    addTotal.run(rows.length);
  });
}

/**
 * The memory the process holds, in MB: on Linux its anonymous pages (RssAnon), which leaves out
 * the log's pages that verify's memory map shares with the page cache; elsewhere the RSS.
 */
function heldMemoryMb(): number {
  try {
    const match = /^RssAnon:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage().rss / 1e6;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

interface Rate {
  wall: number;
  cpu: number;
}

/** A recorder's commit function on a fresh database, and its cleanup. */
function freshWriter(chained: boolean): {
  write: (rows: readonly ActivityInsertParams[]) => void;
  close(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'swb-bench-chain-'));
  const db = openDatabase(join(dir, 'activity.db'));
  const write = chained
    ? (
        (writer) => (rows: readonly ActivityInsertParams[]) =>
          void writer.insertRows(rows)
      )(createActivityWriter(db, { signer: signerFor(dir) }))
    : unchainedWriter(db);
  return {
    write,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Rows/s (wall, CPU) of `total` records committed in recorder-sized batches, without and with the
 * chain, each batch to both fresh databases in turn (alternating which goes first): both see the
 * same moments of a noisy machine.
 */
function commitRates(total: number): { without: Rate; withChain: Rate } {
  const writers = [freshWriter(false), freshWriter(true)] as const;
  const busyMs = [0, 0];
  const busyCpuMs = [0, 0];
  try {
    const generate = createGenerator(total, Date.now(), 30);
    for (let i = 0; i < total; i += BATCH) {
      // Rows are prepared outside the clock, as the queue prepares them before the commit.
      const rows: ActivityInsertParams[] = [];
      for (let j = i; j < Math.min(total, i + BATCH); j++) rows.push(toInsertParams(generate(j)));
      const order = (i / BATCH) % 2 === 0 ? [0, 1] : [1, 0];
      for (const k of order) {
        const cpu = process.cpuUsage();
        const start = performance.now();
        writers[k]!.write(rows);
        busyMs[k]! += performance.now() - start;
        busyCpuMs[k]! += cpuMs(cpu);
      }
    }
  } finally {
    for (const writer of writers) writer.close();
  }
  const rate = (k: number): Rate => ({
    wall: Math.round(total / (busyMs[k]! / 1000)),
    cpu: Math.round(total / (busyCpuMs[k]! / 1000)),
  });
  return { without: rate(0), withChain: rate(1) };
}

/** A chained log of `total` records through the real chain appender (no full-text: verify never reads it). */
function buildChainedLog(dir: string, total: number): void {
  const db = openDatabase(join(dir, 'activity.db'));
  // A bench fixture: nothing here must survive a power cut.
  db.sqlite.pragma('synchronous = OFF');
  const chain = createChainAppender(db.sqlite, signerFor(dir));
  const generate = createGenerator(total, Date.now(), 30);
  const addTotal = db.sqlite.prepare<[number]>(
    'UPDATE activity_totals SET records = records + ? WHERE id = 1',
  );
  const commit = db.sqlite.transaction((rows: ActivityInsertParams[]) => {
    const batch = chain.begin();
    for (const row of rows) batch.append(row);
    batch.end();
    addTotal.run(rows.length);
  });
  chain.checkpoint();
  for (let i = 0; i < total; i += 5000) {
    const rows: ActivityInsertParams[] = [];
    for (let j = i; j < Math.min(total, i + 5000); j++) rows.push(toInsertParams(generate(j)));
    commit(rows);
  }
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

export async function runChainBench(
  options: { records?: number; writes?: number; runs?: number } = {},
  log: (line: string) => void = console.error,
): Promise<ChainBenchResult> {
  const { records = 1_000_000, writes = 10_000, runs = 3 } = options;

  const pairs = Array.from({ length: runs }, () => commitRates(writes));
  const rate = (side: 'without' | 'withChain', key: keyof Rate): number =>
    median(pairs.map((pair) => pair[side][key]));
  const ratio = (key: keyof Rate): number =>
    round(median(pairs.map((pair) => pair.withChain[key] / pair.without[key])), 3);
  log(
    `chain: recorder ${rate('without', 'wall')} → ${rate('withChain', 'wall')} rows/s with the chain`,
  );

  const dir = mkdtempSync(join(scratchRoot(), 'swb-bench-verify-'));
  try {
    const buildStart = performance.now();
    buildChainedLog(dir, records);
    const buildSeconds = (performance.now() - buildStart) / 1000;
    log(`chain: built a ${records}-record log in ${round(buildSeconds, 1)} s`);
    const publicKeyFile = join(dir, 'audit_key.pub.pem');
    const publicKey = loadPublicKey(publicKeyFile);
    // As `switchboard activity verify` runs it: two readers at the process's own priority (a
    // running Switchboard's readers yield to its calls at nice 19, readerThread.ts).
    const readers = createReaderPool({
      entry: READER_WORKER_SOURCE,
      file: join(dir, 'activity.db'),
      publicKeyFile,
      nice: 0,
      log: () => {},
    });
    const poolRates: number[] = [];
    const wallRates: number[] = [];
    const cpuRates: number[] = [];
    const expectAll = (result: ChainVerifyResult): void => {
      if (!result.ok || result.records !== records)
        throw new Error(`verify bench: unexpected result ${JSON.stringify(result)}`);
    };
    let peakRssMb = 0;
    let rssBefore = 0;
    try {
      // Untimed: starts both reader threads and warms them, so memory growth is verify's own.
      expectAll(await readers.verify());
      rssBefore = heldMemoryMb();
      for (let run = 0; run < runs; run++) {
        const poolStart = performance.now();
        expectAll(
          await readers.verify(() => {
            peakRssMb = Math.max(peakRssMb, heldMemoryMb());
          }),
        );
        poolRates.push(Math.round(records / ((performance.now() - poolStart) / 1000)));

        const sqlite = new Database(join(dir, 'activity.db'), { readonly: true });
        sqlite.pragma(`mmap_size = ${2 ** 40}`);
        const cpu = process.cpuUsage();
        const start = performance.now();
        const result = verifyChain(sqlite, publicKey, () => {
          peakRssMb = Math.max(peakRssMb, heldMemoryMb());
        });
        const seconds = (performance.now() - start) / 1000;
        const cpuSeconds = cpuMs(cpu) / 1000;
        sqlite.close();
        expectAll(result);
        wallRates.push(Math.round(records / seconds));
        cpuRates.push(Math.round(records / cpuSeconds));
        log(
          `chain: verify run ${run + 1}: ${poolRates.at(-1)} records/s on the reader threads, ${wallRates.at(-1)} on one`,
        );
      }
    } finally {
      await readers.close();
    }
    return {
      records,
      writes,
      runs,
      recorder_without_chain_rows_per_s: rate('without', 'wall'),
      recorder_with_chain_rows_per_s: rate('withChain', 'wall'),
      recorder_chain_ratio: ratio('wall'),
      recorder_chain_ratio_cpu: ratio('cpu'),
      verify_log_build_s: round(buildSeconds, 1),
      verify_records_per_s: median(poolRates),
      verify_seconds: round(records / median(poolRates), 2),
      verify_one_thread_records_per_s: median(wallRates),
      verify_one_thread_records_per_cpu_s: median(cpuRates),
      verify_rss_growth_mb: round(peakRssMb - rssBefore, 1),
      load_average: round(loadavg()[0] ?? 0, 2),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('chain.bench.ts')) {
  const result = await runChainBench({
    records: Number(process.env.CHAIN_BENCH_RECORDS ?? 1_000_000),
    writes: Number(process.env.CHAIN_BENCH_WRITES ?? 10_000),
  });
  console.log(JSON.stringify(result, null, 2));
}
