import type { Command } from 'commander';
import { UsageError } from '../cliErrors';
import { resolveInstance, type ConnectionOptions } from '../instance';

export function registerConnectCommand(program: Command): void {
  program
    .command('connect')
    .description(
      'a stdio <-> Streamable HTTP bridge for clients that only spawn stdio servers (Claude Desktop)',
    )
    .option(
      '--token <token>',
      'a Switchboard MCP token (default: $SWITCHBOARD_TOKEN); create one with: switchboard tokens create NAME',
    )
    .option('--url <url>', "the instance's URL (default: from the data directory)")
    .option('--data-dir <dir>', 'data directory (default: $SWITCHBOARD_HOME, else ~/.switchboard)')
    .action(async (options: ConnectionOptions & { token?: string }) => {
      const token = options.token ?? process.env.SWITCHBOARD_TOKEN;
      if (token === undefined || token === '') {
        throw new UsageError(
          '--token: missing; create a token with: switchboard tokens create "Claude Desktop"',
        );
      }
      // stdout carries MCP messages: nothing else may be printed there.
      const { baseUrl } = await resolveInstance(options);
      const { runStdioBridge } = await import('../../core/gateway/stdioBridge');
      await runStdioBridge({ url: `${baseUrl}/mcp`, token });
    });
}
