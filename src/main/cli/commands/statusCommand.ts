import type { Command } from 'commander';
import {
  apiClientFor,
  modeOf,
  print,
  withCommonOptions,
  type CommonOptions,
} from '../commonOptions';
import { renderOutput } from '../format/output';
import { renderStatus } from '../format/resourceFormat';

export function registerStatusCommand(program: Command): void {
  withCommonOptions(
    program
      .command('status')
      .description('show the running instance: version, URLs, servers, queue, database, telemetry'),
  ).action(async (options: CommonOptions) => {
    const api = await apiClientFor(options);
    const status = await api.getStatus();
    print(renderOutput(modeOf(options), status, () => renderStatus(status)));
  });
}
