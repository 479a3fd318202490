/**
 * Proxy overhead under a query storm (issue 10: reads off the call path): sequential `echo` calls
 * through a Switchboard whose activity log holds 1M records, timed while nothing else runs (idle)
 * and while a loop of 30-day summaries and a loop of full exports (CSV with bodies) run through
 * its REST API (storm), in alternating phases so machine noise hits both alike. Done for each of
 * four modes in one run, the modes taking turns round by round (each proxy on its own copy of
 * the log): reads on the main thread (`inline`, as before the reader workers), in reader
 * workers at the process's priority (`workers-nice0`, as before readerThread.ts), in reader
 * workers at nice 19 (`workers-noyield`, as before yieldToCalls.ts) and in reader workers at
 * nice 19 that step aside while calls are in flight (`workers`, what serve and the desktop app
 * run; `workers-lazy`, not in the default four, is `workers` with its readers started at the
 * first reads instead of with the proxy, as before). Target: storm within 10% of idle. On
 * Linux each mode also says where the cores went (CPU per thread role, threadCpu.ts).
 *
 * The log is built once (stormLog.ts: the recorder's own SQL, chain and full text included, in
 * large transactions; a few minutes for 1M records) and kept under the OS temp directory
 * (`swb-bench-storm-<records>`, rebuilt after 3 days); the calls each run adds are a rounding
 * error beside it. A stopped build is continued by the next run.
 * Run alone: `npx tsx test/bench/queryStorm.bench.ts`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createPerRequestAbortFetch } from '../../src/main/core/upstreams';
import { round, summarize } from './stats';
import { buildStormLog } from './stormLog';
import {
  childrenOf,
  cpuSecondsByRole,
  machineBusySeconds,
  snapshot,
  type CpuSnapshot,
  type ThreadTicks,
} from './threadCpu';

/**
 * Where reads run: the main thread (before the readers), reader workers at the process's
 * priority (before readerThread.ts), reader workers at nice 19 (before yieldToCalls.ts), reader
 * workers at nice 19 stepping aside for calls in flight, started at the first reads (before
 * readersAtStart) or with the proxy (what serve and the app run).
 */
export type ReadersMode =
  'inline' | 'workers-nice0' | 'workers-noyield' | 'workers-lazy' | 'workers';

/**
 * What the storm runs: both loops (the default), or only the summaries' or only the exports'
 * (to tell which one costs the calls). A mode named `<mode>+summaries` or `<mode>+exports` runs
 * that mode's proxy under that part of the storm, so the parts can take turns in one run.
 */
export type StormLoad = 'both' | 'summaries' | 'exports';

/** The proxy's mode and the storm's part of a mode name (`workers+exports`: workers, exports). */
export function parseStormMode(name: string): { readers: string; load: StormLoad } {
  const [readers = name, load = 'both'] = name.split('+');
  if (load !== 'both' && load !== 'summaries' && load !== 'exports')
    throw new Error(`storm mode ${name}: expected +summaries or +exports after the mode`);
  return { readers, load };
}

export interface QueryStormOptions {
  records?: number;
  /** Length of one idle or storm phase (default 4 s). */
  phaseMs?: number;
  /** Idle + storm phase pairs per mode (default 3). */
  rounds?: number;
  modes?: ReadersMode[];
  log?: (line: string) => void;
}

export interface StormLatency {
  p50_ms: number;
  p99_ms: number;
  calls: number;
}

export interface QueryStormModeResult {
  idle: StormLatency;
  storm: StormLatency;
  /** storm / idle: 1.0 means the storm costs a call nothing (target <= 1.1). */
  ratio_p50: number;
  ratio_p99: number;
  /** Calls that failed (idle, storm) and the first failure's message. */
  failed: { idle: number; storm: number; first: string | null };
  /** What the storm completed across its phases. */
  summaries: number;
  exports: number;
  export_mb: number;
  /**
   * Where the cores went (Linux): each role's CPU in % of one core, averaged over the idle and
   * the storm phases. `other processes` is the rest of the machine (other users' work).
   */
  cpu: { idle: Record<string, number>; storm: Record<string, number> } | null;
}

export interface QueryStormResult {
  records: number;
  phase_s: number;
  rounds: number;
  modes: Partial<Record<ReadersMode, QueryStormModeResult>>;
  load_average: number;
}

const SERVER_SCRIPT = resolve(import.meta.dirname, 'queryStormServer.ts');
const LOAD_SCRIPT = resolve(import.meta.dirname, 'queryStormLoad.ts');
/** A cached log older than this is made again: its 30 days would have slid out of the window. */
const CACHE_MAX_AGE_MS = 3 * 24 * 3600_000;

function runTsx(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** The first stdout line of `child` as JSON (what it prints when ready, or when done). */
function firstLine<T>(child: ChildProcessWithoutNullStreams, what: string): Promise<T> {
  return new Promise((done, fail) => {
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-4000)));
    const lines = createInterface({ input: child.stdout });
    const onExit = (code: number | null) => fail(new Error(`${what} exited (${code}): ${stderr}`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      done(JSON.parse(line) as T);
    });
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) done();
    else child.once('exit', () => done());
  });
}

/** The data directory holding a log of `records` records, generated on first use. */
async function cachedLog(records: number, log: (line: string) => void): Promise<string> {
  const dir = join(tmpdir(), `swb-bench-storm-${records}`);
  const marker = join(dir, 'generated.json');
  if (existsSync(marker)) {
    if (Date.now() - statSync(marker).mtimeMs < CACHE_MAX_AGE_MS) return dir;
    rmSync(dir, { recursive: true, force: true });
  }
  // Without the marker a log there is a build that was stopped: it is continued.
  mkdirSync(dir, { recursive: true });
  log(`storm: building a ${records}-record log in ${dir} (once)`);
  const built = buildStormLog(dir, records, { log });
  log(`storm: built in ${round(built.seconds, 1)} s`);
  writeFileSync(marker, JSON.stringify(built));
  return dir;
}

/**
 * A copy of the log in `dir` for the `n`th proxy of a run (one Switchboard per data directory),
 * made again when the log was rebuilt since. The calls the runs add make the copies differ by a
 * rounding error.
 */
function logCopy(dir: string, n: number): string {
  if (n === 0) return dir;
  const copy = `${dir}-copy${n}`;
  const marker = join(copy, 'generated.json');
  if (
    !existsSync(marker) ||
    statSync(marker).mtimeMs < statSync(join(dir, 'generated.json')).mtimeMs
  ) {
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(copy, { recursive: true });
    for (const file of ['activity.db', 'audit_key.pem', 'audit_key.pub.pem'])
      copyFileSync(join(dir, file), join(copy, file));
    copyFileSync(join(dir, 'generated.json'), marker);
  }
  return copy;
}

async function connectAgent(mcpUrl: string, token: string): Promise<Client> {
  const client = new Client({ name: 'storm-agent', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
      fetch: createPerRequestAbortFetch(),
    }),
  );
  return client;
}

/**
 * Sequential echo calls for `ms`, each call's latency pushed to `into`; a call that fails counts
 * in `failures` (with its time: a reset connection is the worst a storm can do to a call).
 */
async function callFor(
  client: Client,
  ms: number,
  into: number[],
  failures: string[] = [],
  startedAt: number[] = [],
): Promise<void> {
  const end = performance.now() + ms;
  for (let i = 0; performance.now() < end; i++) {
    const t0 = performance.now();
    startedAt.push(monotonicSeconds());
    try {
      // Reads on the main thread can hold a call for longer than the SDK's default 60 s timeout.
      await client.callTool(
        { name: 'everything__echo', arguments: { message: `storm ${i}` } },
        undefined,
        { timeout: 600_000 },
      );
    } catch (error) {
      failures.push(String(error));
    }
    into.push(performance.now() - t0);
  }
}

/** CLOCK_MONOTONIC in seconds, the clock of `perf record -k CLOCK_MONOTONIC` (call traces). */
function monotonicSeconds(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/**
 * With STORM_TRACE_DIR set, each call's phase, start (monotonic seconds) and latency (ms), one a
 * line, in `<dir>/<mode>.calls.tsv`: to lay the slow calls beside a scheduler trace.
 */
function writeCallTrace(
  mode: string,
  samples: Record<'idle' | 'storm', number[]>,
  startedAt: Record<'idle' | 'storm', number[]>,
): void {
  const dir = process.env.STORM_TRACE_DIR;
  if (dir === undefined || dir === '') return;
  mkdirSync(dir, { recursive: true });
  const lines: string[] = [];
  for (const phase of ['idle', 'storm'] as const)
    samples[phase].forEach((ms, i) =>
      lines.push(`${phase}\t${startedAt[phase][i]?.toFixed(6)}\t${ms.toFixed(3)}`),
    );
  writeFileSync(join(dir, `${mode.replaceAll('/', '_')}.calls.tsv`), `${lines.join('\n')}\n`);
}

/** The upstream connects after the listener: calls fail until its tools are listed. */
async function whenEchoReady(client: Client): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { tools } = await client.listTools();
    if (tools.some((tool) => tool.name === 'everything__echo')) return;
    if (Date.now() > deadline) throw new Error('storm: everything__echo never appeared');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Names each thread of the bench's processes by what it does in the storm. */
function stormRoles(proxyPid: number, loadPid: number | undefined): (t: ThreadTicks) => string {
  return (thread) => {
    if (thread.pid === process.pid) return 'agent (bench client)';
    if (thread.pid === loadPid) return 'storm client';
    if (thread.pid !== proxyPid) return 'upstream server';
    if (thread.tid === proxyPid) return 'proxy main thread';
    if (thread.comm === 'swb-reader') return 'proxy readers';
    if (thread.comm === 'swb-recorder') return 'proxy recorder';
    return 'proxy other threads';
  };
}

/** CPU per role over the phases measured, in % of one core. */
function createCpuLedger() {
  const seconds: Record<string, number> = {};
  let wall = 0;
  return {
    start(pids: number[], roles: (t: ThreadTicks) => string) {
      const before = snapshot(pids, roles);
      const busy = machineBusySeconds();
      return () => {
        const after: CpuSnapshot = snapshot(pids, roles);
        const ours = cpuSecondsByRole(before, after);
        let sum = 0;
        for (const [role, used] of Object.entries(ours)) {
          seconds[role] = (seconds[role] ?? 0) + used;
          sum += used;
        }
        const others = Math.max(0, machineBusySeconds() - busy - sum);
        seconds['other processes'] = (seconds['other processes'] ?? 0) + others;
        wall += (after.at - before.at) / 1000;
      };
    },
    percent(): Record<string, number> {
      return Object.fromEntries(
        Object.entries(seconds)
          .sort((a, b) => b[1] - a[1])
          .map(([role, used]) => [role, round((100 * used) / wall, 1)]),
      );
    },
  };
}

/** One mode's proxy, its agent and what its phases measured so far. */
interface ModeRun {
  /** One idle phase and one storm phase. */
  phases(): Promise<void>;
  finish(): Promise<QueryStormModeResult>;
}

async function startMode(
  dataDir: string,
  mode: ReadersMode,
  options: Required<Pick<QueryStormOptions, 'phaseMs' | 'rounds'>>,
): Promise<ModeRun> {
  // Diagnostics: e.g. `--cpu-prof --cpu-prof-dir=DIR` profiles the proxy's threads.
  const proxyArgs = process.env.STORM_PROXY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const { readers, load: stormLoad } = parseStormMode(mode);
  const proxy = runTsx(SERVER_SCRIPT, { DATA_DIR: dataDir, READERS: readers }, proxyArgs);
  const ready = await firstLine<{ mcpUrl: string; base: string; apiKey: string; token: string }>(
    proxy,
    'storm proxy',
  );
  const client = await connectAgent(ready.mcpUrl, ready.token);
  const samples = { idle: [] as number[], storm: [] as number[] };
  const startedAt = { idle: [] as number[], storm: [] as number[] };
  const failures = { idle: [] as string[], storm: [] as string[] };
  const completed = { summaries: 0, exports: 0, export_bytes: 0 };
  const proxyPid = proxy.pid ?? 0;
  const cpu = { idle: createCpuLedger(), storm: createCpuLedger() };
  const ours = (loadPid?: number) => [
    process.pid,
    proxyPid,
    ...childrenOf(proxyPid),
    ...(loadPid === undefined ? [] : [loadPid]),
  ];
  const stop = async () => {
    await client.close();
    proxy.stdin.end();
    await exited(proxy);
  };
  try {
    await whenEchoReady(client);
  } catch (error) {
    await stop();
    throw error;
  }

  async function phases(): Promise<void> {
    await callFor(client, 1000, []); // warm up (JIT, connections) after the other modes' turns
    const idleDone = cpu.idle.start(ours(), stormRoles(proxyPid, undefined));
    await callFor(client, options.phaseMs, samples.idle, failures.idle, startedAt.idle);
    idleDone();
    const load = runTsx(LOAD_SCRIPT, {
      STORM_BASE: ready.base,
      STORM_API_KEY: ready.apiKey,
      STORM_LOAD: stormLoad,
    });
    await firstLine(load, 'storm load');
    const stormDone = cpu.storm.start(ours(load.pid), stormRoles(proxyPid, load.pid));
    const result = new Promise<typeof completed>((done) =>
      createInterface({ input: load.stdout }).once('line', (line) => done(JSON.parse(line))),
    );
    // The storm stops when the phase ends, even while a call it holds is still in flight.
    const calls = callFor(client, options.phaseMs, samples.storm, failures.storm, startedAt.storm);
    await Promise.race([calls, new Promise((resolve) => setTimeout(resolve, options.phaseMs))]);
    stormDone();
    load.stdin.end();
    await calls;
    const phase = await result;
    await exited(load);
    completed.summaries += phase.summaries;
    completed.exports += phase.exports;
    completed.export_bytes += phase.export_bytes;
  }

  async function finish(): Promise<QueryStormModeResult> {
    await stop();
    writeCallTrace(mode, samples, startedAt);
    const stat = (values: number[]): StormLatency => {
      const s = summarize(values);
      return { p50_ms: round(s.p50), p99_ms: round(s.p99), calls: s.n };
    };
    const idle = stat(samples.idle);
    const storm = stat(samples.storm);
    return {
      idle,
      storm,
      ratio_p50: round(storm.p50_ms / idle.p50_ms),
      ratio_p99: round(storm.p99_ms / idle.p99_ms),
      failed: {
        idle: failures.idle.length,
        storm: failures.storm.length,
        first: failures.idle[0] ?? failures.storm[0] ?? null,
      },
      summaries: completed.summaries,
      exports: completed.exports,
      export_mb: round(completed.export_bytes / 2 ** 20, 1),
      cpu:
        process.platform === 'linux'
          ? { idle: cpu.idle.percent(), storm: cpu.storm.percent() }
          : null,
    };
  }

  return { phases, finish };
}

export async function runQueryStormBench(
  options: QueryStormOptions = {},
): Promise<QueryStormResult> {
  const records = options.records ?? 1_000_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const phaseMs = options.phaseMs ?? 4000;
  const rounds = options.rounds ?? 3;
  const dataDir = await cachedLog(records, log);
  const modes: QueryStormResult['modes'] = {};
  const order =
    options.modes ?? (['inline', 'workers-nice0', 'workers-noyield', 'workers'] as const);
  // Every mode's proxy is up for the whole run (an idle proxy costs nothing; each has its own
  // copy of the log) and the modes take turns round by round, so a stretch of noise from the
  // rest of the machine hits them alike.
  const runs: [ReadersMode, ModeRun][] = [];
  try {
    for (const [n, mode] of order.entries())
      runs.push([mode, await startMode(logCopy(dataDir, n), mode, { phaseMs, rounds })]);
    for (let r = 0; r < rounds; r++) for (const [, run] of runs) await run.phases();
  } catch (error) {
    for (const [, run] of runs) await run.finish().catch(() => {});
    throw error;
  }
  for (const [mode, run] of runs) {
    const result = await run.finish();
    log(
      `storm ${mode}: idle p50 ${result.idle.p50_ms} ms p99 ${result.idle.p99_ms} ms; storm p50 ${result.storm.p50_ms} ms p99 ${result.storm.p99_ms} ms (x${result.ratio_p50} / x${result.ratio_p99}); ${result.summaries} summaries, ${result.export_mb} MB exported`,
    );
    if (result.cpu !== null)
      for (const phase of ['idle', 'storm'] as const)
        log(
          `storm ${mode} ${phase} CPU (% of one core): ${Object.entries(result.cpu[phase])
            .map(([role, percent]) => `${role} ${percent}`)
            .join(', ')}`,
        );
    modes[mode] = result;
  }
  return {
    records,
    phase_s: phaseMs / 1000,
    rounds,
    modes,
    load_average: round(loadavg()[0] ?? 0, 2),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const env = (name: string) =>
    process.env[name] === undefined ? undefined : Number(process.env[name]);
  // Also `workers@maxWaitMs/runSliceMs/quietMs/exportPageRows`: `workers` stepping aside as
  // given (tuning yieldToCalls.ts; see queryStormServer.ts).
  // Any mode + `+summaries` or `+exports`: that mode under one part of the storm (which part costs
  // the calls). STORM_TRACE_DIR=DIR: each call's start and latency in DIR/<mode>.calls.tsv.
  const modes = process.env.STORM_MODES?.split(',') as ReadersMode[] | undefined;
  const options: QueryStormOptions = {
    records: env('BENCH_RECORDS') ?? 1_000_000,
    ...(modes ? { modes } : {}),
    ...(env('STORM_PHASE_MS') !== undefined ? { phaseMs: env('STORM_PHASE_MS') } : {}),
    ...(env('STORM_ROUNDS') !== undefined ? { rounds: env('STORM_ROUNDS') } : {}),
  };
  console.log(JSON.stringify(await runQueryStormBench(options), null, 2));
}
