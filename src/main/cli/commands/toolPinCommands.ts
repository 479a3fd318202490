/** `servers tools NAME` and `servers approve-tool NAME TOOL` (SPEC 11). */
import type { Command } from 'commander';
import {
  apiClientFor,
  modeOf,
  print,
  withCommonOptions,
  type CommonOptions,
} from '../commonOptions';
import { renderOutput } from '../format/output';
import { renderServerTools } from '../format/toolPinFormat';

export function registerToolPinCommands(servers: Command): void {
  withCommonOptions(
    servers
      .command('tools')
      .description("list a server's tools with their pin status (pinned, changed, new)")
      .argument('<name>', 'server name'),
  ).action(async (name: string, options: CommonOptions) => {
    const tools = await (await apiClientFor(options)).getServerTools(name);
    print(renderOutput(modeOf(options), tools, () => renderServerTools(name, tools)));
  });

  withCommonOptions(
    servers
      .command('approve-tool')
      .description('approve a changed or new tool: its current definition becomes the pin')
      .argument('<name>', 'server name')
      .argument('<tool>', 'the tool name as the server lists it (without the server__ prefix)'),
  ).action(async (name: string, tool: string, options: CommonOptions) => {
    const info = await (await apiClientFor(options)).approveTool(name, tool);
    print(
      renderOutput(
        modeOf(options),
        info,
        () => `Tool ${info.exposed_name} approved (now ${info.pin_status ?? 'not pinned'}).`,
      ),
    );
  });
}
