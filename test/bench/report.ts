/** Renders docs/PERFORMANCE.md from benchmark results: tables, targets and whether each is met. */
import type { ColdStartResult } from './coldStart.bench';
import type { PeersBenchResult } from './peers.bench';

export type BenchSection =
  | { kind: 'peers'; runs: number; result: PeersBenchResult }
  | { kind: 'store' | 'gateway' | 'ui'; result: unknown }
  | { kind: 'cold'; result: ColdStartResult };

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
    else if (section.kind === 'store')
      parts.push(renderJson('Activity store (1M records)', section.result));
    else if (section.kind === 'gateway')
      parts.push(renderJson('In-process gateway', section.result));
    else parts.push(renderJson('UI streaming', section.result));
    parts.push('');
  }
  return parts.join('\n');
}
