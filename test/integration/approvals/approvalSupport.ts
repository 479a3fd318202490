/** A running core with an `ask` rule on everything__echo, and helpers to wait on its approvals. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ActivityRecord } from '../../../src/shared/activity';
import type { ApprovalEvent, PendingApproval } from '../../../src/shared/approvals';
import type { CreateSwitchboardOptions } from '../../../src/main/core/createSwitchboard';
import { connectAgent } from '../../support/agent';
import { recordsWithBodies, startCore, waitForServersReady, type RunningCore } from '../apiSupport';

export const ASK_RULE = {
  id: 'ask-echo',
  effect: 'ask',
  server: 'everything',
  tool: 'echo',
  reason: 'Echo needs a person',
};

export interface ApprovalCore extends RunningCore {
  token: string;
  agent(name?: string): Promise<Client>;
  /** Resolves with the next approval.requested (or approval.resolved) event. */
  next(event: ApprovalEvent['event']): Promise<PendingApproval>;
  records(query: string): Promise<ActivityRecord[]>;
}

export async function startApprovalCore(
  coreOptions: Partial<CreateSwitchboardOptions> = {},
  config: Record<string, unknown> = {},
): Promise<ApprovalCore> {
  const core = await startCore({ policies: [ASK_RULE], ...config }, coreOptions);
  await waitForServersReady(core);
  const { token } = core.switchboard.tokens.create('approval agent');
  const agents: Client[] = [];
  return {
    ...core,
    token,
    async agent(name = 'approval-agent') {
      const client = await connectAgent(core.switchboard.urls.mcp, token, name);
      agents.push(client);
      return client;
    },
    next(event) {
      return new Promise((resolve) => {
        const stop = core.switchboard.approvals.onDidChange((change) => {
          if (change.event !== event || change.request.kind !== 'approval') return;
          stop();
          resolve(change.request);
        });
      });
    },
    records: (query) => recordsWithBodies(core, query),
    async stop() {
      await Promise.all(agents.map((agent) => agent.close().catch(() => undefined)));
      await core.stop();
    },
  };
}
