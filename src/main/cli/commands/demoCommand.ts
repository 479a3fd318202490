import { realpathSync } from 'node:fs';
import type { Command } from 'commander';
import { optionParser, parseIntInRange } from '../cliArgs';
import {
  apiClientFor,
  modeOf,
  print,
  withCommonOptions,
  type CommonOptions,
} from '../commonOptions';
import type { DemoSummary } from '../../../shared/demo';
import { renderKeyValue, renderOutput } from '../format/output';
import { formatDuration } from '../format/relativeTime';

export function registerDemoCommands(program: Command, version: string): void {
  withCommonOptions(
    program
      .command('demo')
      .description(
        'drive a real MCP client through a running Switchboard: calls, errors, a blocked call (no network)',
      ),
  )
    .option(
      '--calls <n>',
      'how many tool calls',
      optionParser((v) => parseIntInRange(v, 1, 10_000)),
      40,
    )
    .option('--ask', 'first make one call that waits until you allow or deny it')
    .action(async (options: CommonOptions & { calls: number; ask?: boolean }) => {
      const api = await apiClientFor(options);
      const mode = modeOf(options);
      // The MCP SDK is loaded only by the commands that use it.
      const { DEMO_POLICY, DEMO_SERVER, runDemo } = await import('../../core/demo/runDemo');
      const summary = await runDemo({
        api,
        mcpUrl: `${api.baseUrl}/mcp`,
        calls: options.calls,
        launcher: { command: process.execPath, args: [realpathSync(process.argv[1] ?? '')] },
        version,
        ask: options.ask === true,
        onAsk: () =>
          process.stderr.write(
            `Waiting for your decision on demo__echo: in the window, the browser UI, or\n  switchboard approvals list, then switchboard approvals allow|deny ID\n`,
          ),
        onCall: (index, call, outcome) => {
          if (mode === 'table')
            process.stderr.write(
              `\r${index + 1}/${options.calls} ${DEMO_SERVER}__${call.tool}: ${outcome}`.padEnd(60),
            );
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      print(renderOutput(mode, summary, () => renderDemoSummary(summary, DEMO_POLICY.id)));
    });

  program
    .command('demo-server', { hidden: true })
    .description('the stdio MCP server `switchboard demo` uses')
    .action(async () => {
      const { runDemoServer } = await import('../demo/demoServer');
      await runDemoServer(version);
    });
}

function renderDemoSummary(summary: DemoSummary, policyId: string): string {
  return `${renderKeyValue([
    ['Calls', summary.calls],
    ['Succeeded', summary.success],
    ['Tool errors', summary.tool_error],
    ['Blocked', `${summary.blocked} (policy "${policyId}")`],
    ['Protocol errors', summary.rpc_error],
    [
      'Tools',
      Object.entries(summary.by_tool)
        .map(([tool, count]) => `${tool} x${count}`)
        .join(', '),
    ],
    ...(summary.asked === undefined ? [] : [['Asked call', summary.asked] as [string, string]]),
    ['Took', formatDuration(summary.duration_ms)],
  ])}\nSee it live: switchboard activity watch, or open the UI (switchboard status shows its URL).`;
}
