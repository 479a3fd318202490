/**
 * SPEC 10: an agent that disconnects while its call waits ends the approval as cancelled. On
 * Streamable HTTP a disconnect is the end of the MCP session (DELETE): a dropped HTTP connection
 * alone is not a cancel (MCP transports: "Disconnection SHOULD NOT be interpreted as the client
 * cancelling its request"), since the client may resume the session.
 */
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApprovalCore, type ApprovalCore } from './approvalSupport';

let core: ApprovalCore;
beforeAll(async () => {
  core = await startApprovalCore();
}, 60_000);
afterAll(async () => {
  await core?.stop();
});

describe('a held call whose agent goes away', () => {
  it('ends as cancelled by the agent when the agent ends its session', async () => {
    const agent = await core.agent();
    const requested = core.next('approval.requested');
    const resolved = core.next('approval.resolved');
    const call = agent.callTool({ name: 'everything__echo', arguments: { message: 'bye' } });
    const approval = await requested;
    await (agent.transport as StreamableHTTPClientTransport).terminateSession();
    await agent.close();
    await call.catch(() => undefined);
    expect(await resolved).toMatchObject({
      id: approval.id,
      decision: 'cancelled',
      decided_by: 'agent',
    });
    await core.waitForTotal(`session_id=${approval.session_id}`, 1);
    const records = await core.records(`session_id=${approval.session_id}`);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      type: 'policy_decision',
      status: 'blocked',
      reason: 'Cancelled by the agent',
      metadata: { approval: { decision: 'cancelled', decided_by: 'agent' } },
    });
  });
});
