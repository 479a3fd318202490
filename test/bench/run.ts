/**
 * `npm run bench`: runs every benchmark in one process, repeats the noisy ones, and rewrites
 * docs/PERFORMANCE.md with the machine, the date, the command, medians and ratios.
 * `BENCH_QUICK=1` shrinks every workload for a smoke run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { runColdStartBench, type ColdStartResult } from './coldStart.bench';
import { runPeersBench, type PeersBenchResult } from './peers.bench';
import { median, round } from './stats';
import { renderPerformanceDoc, type BenchSection } from './report';

const quick = process.env.BENCH_QUICK === '1';
const repeats = quick ? 1 : 3;
/** `BENCH_SKIP=store,ui` leaves sections out (e.g. the 1M-record store on a short run). */
const skipped = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

function medianOfPeers(results: PeersBenchResult[]): PeersBenchResult {
  const first = results[0]!;
  return {
    latency: first.latency.map((row) => ({
      ...row,
      p50_ms: round(
        median(results.map((r) => r.latency.find((x) => x.target === row.target)!.p50_ms)),
      ),
      p99_ms: round(
        median(results.map((r) => r.latency.find((x) => x.target === row.target)!.p99_ms)),
      ),
    })),
    overhead: {
      p50_ms: round(median(results.map((r) => r.overhead.p50_ms))),
      p99_ms: round(median(results.map((r) => r.overhead.p99_ms))),
    },
    throughput: first.throughput.map((row) => ({
      ...row,
      calls_per_s: Math.round(
        median(
          results.map(
            (r) =>
              r.throughput.find((x) => x.target === row.target && x.sessions === row.sessions)!
                .calls_per_s,
          ),
        ),
      ),
    })),
  };
}

async function optionalBench<T>(
  name: string,
  load: () => Promise<T>,
): Promise<T | { skipped: string }> {
  if (skipped.has(name)) return { skipped: 'BENCH_SKIP' };
  try {
    return await load();
  } catch (error) {
    console.error(`bench: ${name} failed: ${String(error)}`);
    return { skipped: String(error) };
  }
}

async function main(): Promise<void> {
  const sections: BenchSection[] = [];

  console.error('bench: proxy overhead and throughput (direct vs switchboard vs mcp-proxy)');
  const peerRuns: PeersBenchResult[] = [];
  for (let i = 0; i < repeats; i++) {
    peerRuns.push(
      await runPeersBench(
        quick ? { sequentialCalls: 300, rounds: 3, callsPerSession: 50, sessionCounts: [8] } : {},
      ),
    );
  }
  sections.push({ kind: 'peers', runs: peerRuns.length, result: medianOfPeers(peerRuns) });

  console.error('bench: activity store (1M records)');
  const store = await optionalBench('store', async () => {
    const { runActivityStoreBench } = await import('./activityStore.bench');
    return runActivityStoreBench(quick ? { records: 50_000 } : {});
  });
  sections.push({ kind: 'store', result: store });

  console.error('bench: proxy overhead under a query storm (1M records)');
  const storm = await optionalBench('storm', async () => {
    const { runQueryStormBench } = await import('./queryStorm.bench');
    return runQueryStormBench(quick ? { records: 50_000, phaseMs: 2000, rounds: 2 } : {});
  });
  sections.push({ kind: 'storm', result: storm });

  console.error('bench: in-process gateway overhead');
  const gateway = await optionalBench('gateway', async () => {
    const { runProxyOverheadBench } = await import('./proxyOverhead.bench');
    return runProxyOverheadBench(
      quick ? { sequentialCalls: 300, rounds: 3, callsPerSession: 50, sessionCounts: [8] } : {},
    );
  });
  sections.push({ kind: 'gateway', result: gateway });

  console.error('bench: policy evaluation');
  const { runPolicyEngineBench } = await import('./policyEngine.bench');
  sections.push({ kind: 'policy', result: runPolicyEngineBench(quick ? { rounds: 3 } : {}) });

  console.error('bench: UI streaming');
  const ui = await optionalBench('ui', async () => {
    const { runUiStreamBench } = await import('./uiStream.bench');
    return runUiStreamBench(quick ? { seconds: 5 } : {});
  });
  sections.push({ kind: 'ui', result: ui });

  console.error('bench: hash chain (verify over 1M records, recorder with and without)');
  const chain = await optionalBench('chain', async () => {
    const { runChainBench } = await import('./chain.bench');
    return runChainBench(quick ? { records: 50_000, writes: 5_000, runs: 1 } : {});
  });
  sections.push({ kind: 'chain', result: chain });

  console.error('bench: telemetry off vs on');
  const telemetry = await optionalBench('telemetry', async () => {
    const { runTelemetryOverheadRepeats } = await import('./telemetryOverhead.bench');
    return runTelemetryOverheadRepeats(
      repeats,
      quick ? { sequentialCalls: 300, rounds: 3 } : { sequentialCalls: 1500 },
    );
  });
  sections.push({ kind: 'telemetry', result: telemetry });

  console.error('bench: unrelated calls while 10 calls wait for approval');
  const approvals = await optionalBench('approvals', async () => {
    const { runApprovalsBench } = await import('./approvals.bench');
    return runApprovalsBench(quick ? { calls: 100, rounds: 2 } : {});
  });
  sections.push({ kind: 'approvals', result: approvals });

  console.error('bench: cold start');
  const cold: ColdStartResult = await runColdStartBench({ runs: quick ? 2 : 5 });
  sections.push({ kind: 'cold', result: cold });

  const cpu = cpus();
  const doc = renderPerformanceDoc({
    date: new Date().toISOString(),
    command: quick ? 'BENCH_QUICK=1 npm run bench' : 'npm run bench',
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${round(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, ${process.platform}`,
    sections,
  });
  const path = resolve(import.meta.dirname, '../../docs/PERFORMANCE.md');
  // The hand-kept run log below the marker survives a regeneration of the tables.
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const marker = previous.indexOf(RUN_LOG_MARKER);
  const kept = marker === -1 ? '' : `\n${previous.slice(marker)}`;
  // Formatted as the repository's format check expects, so a fresh bench run keeps CI green.
  writeFileSync(path, await format(doc + kept, { ...(await resolveConfig(path)), filepath: path }));
  console.error(`bench: wrote ${path}`);
  console.log(JSON.stringify(sections, null, 2));
}

const RUN_LOG_MARKER = '<!-- run log:';

await main();
