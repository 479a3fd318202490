/**
 * `npm run conformance`: the official MCP conformance suite's server scenarios, run directly
 * against its reference server and through Switchboard fronting that server (over stdio and over
 * Streamable HTTP), printed as one table. Exits 1 when a scenario's outcome through Switchboard is
 * not the one expectedFailures.ts lists, or when the reference server itself fails one.
 * Needs `npm run build` (it starts the built `switchboard serve`).
 */
import { startServe, type ServeProcess } from '../support/serveProcess';
import { EXPECTED_FAILURES } from './expectedFailures';
import { startNamingFront } from './namingFront';
import {
  prepareReferenceServer,
  startHttpReference,
  TSX_CLI,
  type RunningReference,
} from './referenceServer';
import { runServerSuite, type ScenarioResult } from './suiteResults';

const SERVER = 'ref';

type Column = 'direct' | 'stdio' | 'http';
const COLUMNS: Record<Column, string> = {
  direct: 'direct',
  stdio: 'via Switchboard (stdio upstream)',
  http: 'via Switchboard (HTTP upstream)',
};

async function throughSwitchboard(
  upstream: Record<string, unknown>,
): Promise<Map<string, ScenarioResult>> {
  let serve: ServeProcess | null = null;
  try {
    // The suite's client is the agent and answers elicitations itself (docs/FORWARDING.md).
    serve = await startServe({
      config: { mcpServers: { [SERVER]: upstream }, elicitation: 'agent' },
    });
    await waitUntilReady(serve);
    const token = await serve.createToken('conformance');
    const front = await startNamingFront(serve.mcpUrl, token, `${SERVER}__`);
    try {
      return await runServerSuite(front.url);
    } finally {
      await front.close();
    }
  } finally {
    await serve?.stop();
  }
}

async function waitUntilReady(serve: ServeProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const servers = await serve.data<{ name: string; status: string }[]>('GET', '/api/v1/servers');
    const status = servers.find((server) => server.name === SERVER)?.status;
    if (status === 'ready') return;
    if (Date.now() > deadline)
      throw new Error(`upstream "${SERVER}" is ${String(status)}:\n${serve.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function cell(result: ScenarioResult | undefined): string {
  if (!result) return 'not run';
  return result.failed === 0 ? `pass (${result.passed})` : `FAIL (${result.failed})`;
}

async function main(): Promise<number> {
  const reference = prepareReferenceServer();
  let direct: RunningReference | null = null;
  const results = new Map<Column, Map<string, ScenarioResult>>();
  try {
    direct = await startHttpReference(reference.httpEntry);
    results.set('direct', await runServerSuite(direct.url));
    results.set(
      'stdio',
      await throughSwitchboard({
        command: process.execPath,
        args: [TSX_CLI, reference.stdioEntry],
      }),
    );
    results.set('http', await throughSwitchboard({ url: direct.url }));
  } finally {
    await direct?.stop();
  }

  const scenarios = [...(results.get('direct')?.keys() ?? [])].sort();
  const columns = Object.keys(COLUMNS) as Column[];
  const width = Math.max(...scenarios.map((s) => s.length), 'scenario'.length);
  const widths = columns.map((c) => Math.max(COLUMNS[c].length, 'FAIL (99)'.length));
  const row = (first: string, cells: string[]): string =>
    `| ${first.padEnd(width)} | ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const lines = [
    row(
      'scenario',
      columns.map((c) => COLUMNS[c]),
    ),
  ];
  lines.push(`|${'-'.repeat(width + 2)}|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const scenario of scenarios)
    lines.push(
      row(
        scenario,
        columns.map((c) => cell(results.get(c)?.get(scenario))),
      ),
    );
  const totals = columns.map((c) => {
    const all = [...(results.get(c)?.values() ?? [])];
    return `${all.filter((r) => r.failed === 0).length}/${scenarios.length}`;
  });
  lines.push(row('scenarios passed', totals));
  console.log(lines.join('\n'));

  const problems: string[] = [];
  for (const scenario of scenarios) {
    const directResult = results.get('direct')?.get(scenario);
    if (directResult && directResult.failed > 0)
      problems.push(
        `${scenario} fails against the reference server itself: ${directResult.failures.join('; ')}`,
      );
    for (const column of ['stdio', 'http'] as const) {
      const result = results.get(column)?.get(scenario);
      const expected = EXPECTED_FAILURES[scenario];
      const failed = !result || result.failed > 0;
      if (failed && !expected)
        problems.push(`${scenario} (${column}): ${result?.failures.join('; ') ?? 'not run'}`);
      if (!failed && expected)
        problems.push(`${scenario} (${column}) passes now: remove it from expectedFailures.ts`);
    }
  }
  console.log('\nExpected failures through Switchboard:');
  for (const [scenario, reason] of Object.entries(EXPECTED_FAILURES))
    console.log(`- ${scenario}: ${reason}`);
  if (problems.length > 0) {
    console.error(`\nUnexpected outcomes:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
