import type { Command } from 'commander';
import type { McpTokenInfo } from '../../../shared/servers';
import {
  addListCommand,
  apiClientFor,
  modeOf,
  print,
  withCommonOptions,
  type CommonOptions,
} from '../commonOptions';
import { renderOutput } from '../format/output';
import { renderCreatedToken, renderTokens } from '../format/resourceFormat';

export function registerTokenCommands(program: Command): void {
  const tokens = program.command('tokens').description('MCP tokens that identify agents');

  addListCommand<McpTokenInfo>(tokens, 'list tokens', (api) => api.listTokens(), renderTokens);

  withCommonOptions(
    tokens
      .command('create')
      .description('create a token; its secret is shown once')
      .argument('<name>', 'who will use it, e.g. "Claude Desktop"'),
  ).action(async (name: string, options: CommonOptions) => {
    const created = await (await apiClientFor(options)).createToken(name);
    print(renderOutput(modeOf(options), created, () => renderCreatedToken(created)));
  });

  withCommonOptions(
    tokens.command('revoke').description('revoke a token').argument('<id>', 'token id'),
  ).action(async (id: string, options: CommonOptions) => {
    const result = await (await apiClientFor(options)).revokeToken(id);
    print(renderOutput(modeOf(options), result, () => `Token ${id} revoked.`));
  });
}
