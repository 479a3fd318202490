/** `switchboard approvals list | allow ID [--session] | deny ID` (SPEC 10). */
import type { Command } from 'commander';
import type { PendingRequest } from '../../../shared/approvals';
import {
  addListCommand,
  apiClientFor,
  modeOf,
  print,
  withCommonOptions,
  type CommonOptions,
} from '../commonOptions';
import { formatApprovalLine, renderApprovals } from '../format/approvalFormat';
import { renderOutput } from '../format/output';

export function registerApprovalCommands(program: Command): void {
  const approvals = program
    .command('approvals')
    .description('calls an "ask" rule holds until a person decides');

  addListCommand<PendingRequest>(
    approvals,
    'list the calls waiting for a decision, oldest first',
    (api) => api.listApprovals(),
    (items) => renderApprovals(items),
  );

  const decide = async (
    id: string,
    decision: 'allow_once' | 'allow_session' | 'deny',
    options: CommonOptions,
  ): Promise<void> => {
    const decided = await (await apiClientFor(options)).decideApproval(id, decision);
    print(
      renderOutput(modeOf(options), decided, () =>
        formatApprovalLine({ event: 'approval.resolved', request: decided }),
      ),
    );
  };

  withCommonOptions(
    approvals
      .command('allow')
      .description(
        'let the held call run (with --session: and later calls of that tool in its MCP session)',
      )
      .argument('<id>', 'the approval id (switchboard approvals list)')
      .option('--session', 'allow this tool for the rest of the MCP session'),
  ).action((id: string, options: CommonOptions & { session?: boolean }) =>
    decide(id, options.session === true ? 'allow_session' : 'allow_once', options),
  );

  withCommonOptions(
    approvals
      .command('deny')
      .description('deny the held call')
      .argument('<id>', 'the approval id (switchboard approvals list)'),
  ).action((id: string, options: CommonOptions) => decide(id, 'deny', options));
}
