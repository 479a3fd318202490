/**
 * `switchboard approvals list | allow ID [--session] | deny ID | answer ID --accept [JSON] |
 * --decline | --cancel` (SPEC 10: approvals, and elicitations from upstreams).
 */
import type { Command } from 'commander';
import type { PendingRequest, PendingRequestAnswer } from '../../../shared/approvals';
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
import { elicitationAnswerOf, type AnswerOptions } from './elicitationAnswer';

export function registerApprovalCommands(program: Command): void {
  const approvals = program
    .command('approvals')
    .description('calls an "ask" rule holds, and upstreams\' elicitations, until a person answers');

  addListCommand<PendingRequest>(
    approvals,
    'list the calls and elicitations waiting for a person, oldest first',
    (api) => api.listApprovals(),
    (items) => renderApprovals(items),
  );

  const decide = async (
    id: string,
    answer: PendingRequestAnswer,
    options: CommonOptions,
  ): Promise<void> => {
    const decided = await (await apiClientFor(options)).decideApproval(id, answer);
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

  withCommonOptions(
    approvals
      .command('answer')
      .description(
        "answer an upstream's elicitation (the form's content as JSON, or decline / cancel)",
      )
      .argument('<id>', 'the elicitation id (switchboard approvals list)')
      .option(
        '--accept [json]',
        'accept, with the content as a JSON object (bare for a URL request)',
      )
      .option('--decline', 'decline')
      .option('--cancel', 'cancel: dismiss without a choice'),
  ).action((id: string, options: CommonOptions & AnswerOptions) =>
    decide(id, elicitationAnswerOf(options), options),
  );
}
