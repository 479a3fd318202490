/** Renders docs/PERFORMANCE.md from benchmark results: tables, targets and whether each is met. */
import type { ActivityStoreBenchResult } from './activityStore.bench';
import type { ChainBenchResult } from './chain.bench';
import type { ApprovalsBenchResult } from './approvals.bench';
import { renderApprovalsSection } from './approvalsReport';
import type { ColdStartResult } from './coldStart.bench';
import type { PeersBenchResult } from './peers.bench';
import type { PolicyEngineBenchResult } from './policyEngine.bench';
import type { ProxyOverheadResult } from './proxyOverhead.bench';
import type { QueryStormResult, ReadersMode } from './queryStorm.bench';
import type { UiStreamBenchResult } from './uiStream.bench';
import { renderTelemetry, type TelemetryOverheadSummary } from './telemetryReport';

export type BenchSection =
  | { kind: 'peers'; runs: number; result: PeersBenchResult }
  | { kind: 'store' | 'gateway' | 'ui' | 'storm' | 'chain'; result: unknown }
  | { kind: 'cold'; result: ColdStartResult }
  | { kind: 'telemetry'; result: TelemetryOverheadSummary | { skipped: string } }
  | { kind: 'policy'; result: PolicyEngineBenchResult }
  | { kind: 'approvals'; result: ApprovalsBenchResult | { skipped: string } };

const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');

function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function renderPeers(section: Extract<BenchSection, { kind: 'peers' }>): string {
  const { latency, overhead, throughput } = section.result;
  const at = (target: string, sessions: number): number =>
    throughput.find((r) => r.target === target && r.sessions === sessions)?.calls_per_s ??
    Number.NaN;
  const sessionCounts = [...new Set(throughput.map((r) => r.sessions))];
  return [
    `## Proxy overhead and throughput (medians of ${section.runs} runs, measured side by side)`,
    '',
    'Sequential `echo` calls to server-everything, alternating rounds between the three paths.',
    '',
    table(
      ['path', 'p50 ms', 'p99 ms', 'calls'],
      latency.map((r) => [r.target, r.p50_ms, r.p99_ms, r.calls]),
    ),
    '',
    table(
      ['overhead of switchboard over direct', 'measured', 'target', ''],
      [
        ['p50', `${overhead.p50_ms} ms`, '≤ 1.0 ms', verdict(overhead.p50_ms <= 1)],
        ['p99', `${overhead.p99_ms} ms`, '≤ 4 ms', verdict(overhead.p99_ms <= 4)],
      ],
    ),
    '',
    table(
      ['sessions', 'switchboard calls/s', 'mcp-proxy calls/s', 'ratio', 'target'],
      sessionCounts.map((n) => {
        const ours = at('switchboard', n);
        const theirs = at('mcp-proxy', n);
        const target =
          n === 8
            ? `≥ 1,800 and ≥ mcp-proxy: ${verdict(ours >= 1800 && ours >= theirs)}`
            : `≥ mcp-proxy: ${verdict(ours >= theirs)}`;
        return [n, ours, theirs, (ours / theirs).toFixed(2), target];
      }),
    ),
  ].join('\n');
}

function renderJson(title: string, result: unknown): string {
  return [`## ${title}`, '', '```json', JSON.stringify(result, null, 2), '```'].join('\n');
}

const wasSkipped = (result: unknown): result is { skipped: string } =>
  typeof result === 'object' && result !== null && 'skipped' in result;

function renderStore(result: ActivityStoreBenchResult): string {
  return [
    `## Activity store (${result.records.toLocaleString('en-US')} records, generated through the real queue and store)`,
    '',
    table(
      ['measurement', 'value', 'target', ''],
      Object.entries(result.results).map(([name, m]) => [
        name,
        `${m.value} ${m.unit}`,
        m.target ?? '',
        m.met === undefined ? '' : verdict(m.met),
      ]),
    ),
  ].join('\n');
}

function renderGateway(result: ProxyOverheadResult): string {
  const { sequential: s } = result;
  return [
    '## In-process gateway (direct stdio vs the gateway vs reference proxies, alternating rounds)',
    '',
    table(
      ['path', 'p50 ms', 'p99 ms'],
      [
        ['direct (stdio)', s.direct.p50_ms, s.direct.p99_ms],
        ['through the gateway', s.proxied.p50_ms, s.proxied.p99_ms],
        ['the same with tool_pinning "off"', s.unpinned.p50_ms, s.unpinned.p99_ms],
        ['bare SDK Streamable HTTP server', s.floor.p50_ms, s.floor.p99_ms],
        [
          'minimal: plain node:http relaying JSON-RPC lines (no SDK, auth, policy, record)',
          s.minimal.p50_ms,
          s.minimal.p99_ms,
        ],
      ],
    ),
    '',
    table(
      ['overhead', 'measured', 'target', ''],
      [
        ['p50 over direct', `${s.overhead_p50_ms} ms`, '≤ 1.0 ms', verdict(s.overhead_p50_ms <= 1)],
        ['p99 over direct', `${s.overhead_p99_ms} ms`, '≤ 4 ms', verdict(s.overhead_p99_ms <= 4)],
        ['proxy CPU per call', `${s.proxy_cpu_ms_per_call ?? '?'} ms`, '', ''],
        [
          'tool pinning over "off" (p50 / p99; CPU per call)',
          `${s.pinning_p50_ms} / ${s.pinning_p99_ms} ms; ${s.proxy_cpu_ms_per_call ?? '?'} vs ${s.unpinned_cpu_ms_per_call ?? '?'} ms`,
          '',
          '',
        ],
        ['bare SDK server CPU per call', `${s.floor_cpu_ms_per_call ?? '?'} ms`, '', ''],
        [
          'minimal proxy over direct (p50 / p99)',
          `${s.minimal_overhead_p50_ms} / ${s.minimal_overhead_p99_ms} ms`,
          '',
          '',
        ],
        ['minimal proxy CPU per call', `${s.minimal_cpu_ms_per_call ?? '?'} ms`, '', ''],
      ],
    ),
    '',
    table(
      ['sessions', 'calls/s', 'proxy CPU ms/call', 'agents CPU ms/call'],
      result.throughput.map((t) => [
        t.sessions,
        t.calls_per_s,
        t.proxy_cpu_ms_per_call ?? '?',
        t.agents_cpu_ms_per_call,
      ]),
    ),
    '',
    `Load average at the end: ${result.load_average}.`,
  ].join('\n');
}

function renderUi(r: UiStreamBenchResult): string {
  return [
    `## UI under a live stream (Activity view in Chromium, ${r.seconds} s)`,
    '',
    table(
      ['measurement', 'value', 'target', ''],
      [
        [
          'calls/s asked / achieved',
          `${r.target_calls_per_s} / ${r.achieved_calls_per_s}`,
          '1,000',
          verdict(r.achieved_calls_per_s >= 1000),
        ],
        ['long tasks over 50 ms (wall time)', r.long_tasks, '0', verdict(r.long_tasks === 0)],
        ['longest task (wall time)', `${r.longest_task_ms} ms`, '', ''],
        ["tasks over 50 ms of the page's own CPU (trace)", r.long_tasks_cpu, '', ''],
        ["longest task, page's own CPU", `${r.longest_task_cpu_ms} ms`, '', ''],
        [
          'list kept up (UI total / server total)',
          `${r.ui_total} / ${r.server_total}, caught up ${r.ui_caught_up_ms} ms after the last call`,
          'equal',
          verdict(r.ui_total >= r.server_total),
        ],
        [
          'JS heap start → end (after a forced GC)',
          `${r.heap_start_mb} → ${r.heap_end_mb} MB`,
          'flat',
          '',
        ],
      ],
    ),
  ].join('\n');
}

const STORM_MODE_NAMES: Record<ReadersMode, string> = {
  inline: 'main thread (before)',
  'workers-nice0': 'reader workers at nice 0 (before)',
  'workers-noyield': 'reader workers at nice 19 (before)',
  'workers-lazy':
    'reader workers at nice 19, yielding to calls, started at the first reads (before)',
  workers: 'reader workers at nice 19, yielding to calls',
};

/** Where the cores went, per mode and phase: % of one core by thread role (Linux). */
function stormCpu(r: QueryStormResult): string {
  const modes = Object.entries(r.modes).filter(([, m]) => m.cpu !== null);
  if (modes.length === 0) return '';
  const roles = [
    ...new Set(
      modes.flatMap(([, m]) => [...Object.keys(m.cpu!.idle), ...Object.keys(m.cpu!.storm)]),
    ),
  ];
  return table(
    [
      'CPU, % of one core',
      ...modes.map(([mode]) => (STORM_MODE_NAMES[mode as ReadersMode] ?? mode) + ': idle → storm'),
    ],
    roles.map((role) => [
      role,
      ...modes.map(([, m]) => `${m.cpu!.idle[role] ?? 0} → ${m.cpu!.storm[role] ?? 0}`),
    ]),
  );
}

function renderStorm(r: QueryStormResult): string {
  const rows = Object.entries(r.modes).map(([mode, m]) => [
    STORM_MODE_NAMES[mode as ReadersMode] ?? mode,
    `${m.idle.p50_ms} / ${m.idle.p99_ms} ms (${m.idle.calls})`,
    `${m.storm.p50_ms} / ${m.storm.p99_ms} ms (${m.storm.calls})`,
    `×${m.ratio_p50} / ×${m.ratio_p99}`,
    `${m.summaries} summaries, ${m.export_mb} MB exported; ${m.failed.idle + m.failed.storm} calls failed`,
    mode === 'workers' ? verdict(m.ratio_p50 <= 1.1 && m.ratio_p99 <= 1.1) : '',
  ]);
  return [
    `## Proxy overhead under a query storm (${r.records.toLocaleString('en-US')}-record log)`,
    '',
    `Sequential \`echo\` calls through \`serve\`'s stack, in alternating ${r.phase_s} s phases (${r.rounds} each): idle, and while a loop of 30-day summaries and a loop of full CSV exports with bodies run through the REST API. Target: storm within 10% of idle.`,
    '',
    table(
      [
        'reads on',
        'idle p50 / p99',
        'storm p50 / p99',
        'storm ÷ idle',
        'storm did',
        'target ≤ ×1.1',
      ],
      rows,
    ),
    '',
    ...(stormCpu(r) === ''
      ? []
      : [
          'Where the 2 cores went (threads by role, from /proc; other processes: the rest of the machine):',
          '',
          stormCpu(r),
          '',
        ]),
    `Load average at the end: ${r.load_average}.`,
  ].join('\n');
}

export function renderChain(r: ChainBenchResult): string {
  const k = (n: number): string => n.toLocaleString('en-US');
  return [
    `## The log's hash chain (SPEC 12; ${k(r.records)} records, median of ${r.runs} runs)`,
    '',
    table(
      ['measurement', 'value', 'target', ''],
      [
        [
          `verify, ${k(r.records)} records, on the two reader threads (wall)`,
          `${k(r.verify_records_per_s)} records/s (${r.verify_seconds} s)`,
          '≥ 200,000 records/s',
          verdict(r.verify_records_per_s >= 200_000),
        ],
        [
          'verify on one thread (wall; by its CPU time)',
          `${k(r.verify_one_thread_records_per_s)}; ${k(r.verify_one_thread_records_per_cpu_s)} records/s`,
          '',
          '',
        ],
        ['verify, memory growth while it runs', `${r.verify_rss_growth_mb} MB`, 'flat', ''],
        [
          `recorder commit without / with the chain (${k(r.writes)} rows)`,
          `${k(r.recorder_without_chain_rows_per_s)} / ${k(r.recorder_with_chain_rows_per_s)} rows/s`,
          '',
          '',
        ],
        [
          'with / without (wall; by CPU time)',
          `${r.recorder_chain_ratio}; ${r.recorder_chain_ratio_cpu}`,
          '≥ 0.9',
          verdict(r.recorder_chain_ratio >= 0.9),
        ],
      ],
    ),
    '',
    `The log was built in ${r.verify_log_build_s} s. Load average at the end: ${r.load_average}.`,
  ].join('\n');
}

function renderPolicy(r: PolicyEngineBenchResult): string {
  return [
    '## Policy evaluation',
    '',
    table(
      ['one call against rules that all miss', 'median per call', 'target', ''],
      [
        [
          `${r.rules} rules, ${r.rounds} rounds of ${r.calls_per_round}`,
          `${r.per_call_us} µs`,
          '≤ 100 µs',
          verdict(r.per_call_us <= 100),
        ],
      ],
    ),
  ].join('\n');
}

export function renderPerformanceDoc(input: {
  date: string;
  command: string;
  machine: string;
  sections: BenchSection[];
}): string {
  const parts = [
    '# Performance',
    '',
    `Measured ${input.date} on ${input.machine}, with \`${input.command}\`. The machine is shared and noisy:`,
    'figures are medians, and comparisons are taken in the same run.',
    '',
  ];
  for (const section of input.sections) {
    if (section.kind === 'peers') parts.push(renderPeers(section));
    else if (section.kind === 'approvals') parts.push(renderApprovalsSection(section.result));
    else if (section.kind === 'cold')
      parts.push(
        [
          '## Cold start',
          '',
          table(
            ['serve → first successful call', 'target', ''],
            [
              [
                `${section.result.median_ms} ms (runs: ${section.result.runs_ms.join(', ')})`,
                '≤ 1,500 ms',
                verdict(section.result.median_ms <= 1500),
              ],
            ],
          ),
        ].join('\n'),
      );
    else if (section.kind === 'policy') parts.push(renderPolicy(section.result));
    else if (wasSkipped(section.result))
      parts.push(renderJson(`${section.kind} (not measured)`, section.result));
    else if (section.kind === 'store')
      parts.push(renderStore(section.result as ActivityStoreBenchResult));
    else if (section.kind === 'gateway')
      parts.push(renderGateway(section.result as ProxyOverheadResult));
    else if (section.kind === 'chain') parts.push(renderChain(section.result as ChainBenchResult));
    else if (section.kind === 'telemetry')
      parts.push(renderTelemetry(section.result as TelemetryOverheadSummary));
    else if (section.kind === 'storm') parts.push(renderStorm(section.result as QueryStormResult));
    else parts.push(renderUi(section.result as UiStreamBenchResult));
    parts.push('');
  }
  return parts.join('\n');
}
