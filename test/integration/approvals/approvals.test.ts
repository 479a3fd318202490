/**
 * SPEC 10 end to end: a real SDK client calls through Switchboard to server-everything; an `ask`
 * rule holds everything__echo until a decision arrives over REST.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultText } from '../../support/agent';
import { startApprovalCore, type ApprovalCore } from './approvalSupport';

let core: ApprovalCore;

beforeAll(async () => {
  core = await startApprovalCore();
}, 60_000);

afterAll(async () => {
  await core?.stop();
});

describe('a call an ask rule matches', () => {
  it('waits, and an allow_once returns the upstream result with one tool_call record', async () => {
    const agent = await core.agent();
    const requested = core.next('approval.requested');
    const call = agent.callTool({ name: 'everything__echo', arguments: { message: 'hello' } });
    const approval = await requested;
    expect(approval).toMatchObject({
      kind: 'approval',
      server_name: 'everything',
      tool_name: 'echo',
      arguments: { message: 'hello' },
      policy_id: 'ask-echo',
      reason: 'Echo needs a person',
      token_name: 'approval agent',
      client_name: 'approval-agent',
      decision: null,
    });
    expect(approval.arguments_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await core.data('GET', '/api/v1/approvals')).toEqual([approval]);

    const decided = await core.data<{ decision: string; decided_by: string }>(
      'POST',
      `/api/v1/approvals/${approval.id}`,
      { decision: 'allow_once' },
    );
    expect(decided).toMatchObject({ decision: 'allow_once', decided_by: 'api' });
    expect(resultText(await call)).toBe('Echo: hello');
    expect(await core.data('GET', '/api/v1/approvals')).toEqual([]);

    const [record, ...others] = await core.records(`tool=echo&session_id=${approval.session_id}`);
    expect(others).toEqual([]);
    expect(record).toMatchObject({
      id: approval.id,
      type: 'tool_call',
      status: 'success',
      policy_id: 'ask-echo',
      metadata: { approval: { decision: 'allow_once', decided_by: 'api' } },
    });
    expect(record?.metadata.approval).toHaveProperty('waited_ms');
  });

  it('is denied with one policy_decision record', async () => {
    const agent = await core.agent();
    const requested = core.next('approval.requested');
    const call = agent.callTool({ name: 'everything__echo', arguments: { message: 'no' } });
    const approval = await requested;
    await core.data('POST', `/api/v1/approvals/${approval.id}`, { decision: 'deny' });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toBe('Denied in Switchboard (policy "ask-echo")');

    const records = await core.records(`session_id=${approval.session_id}`);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: approval.id,
      type: 'policy_decision',
      status: 'blocked',
      policy_id: 'ask-echo',
      reason: 'Denied in Switchboard',
      metadata: { approval: { decision: 'deny', decided_by: 'api' } },
    });
  });

  it('answers 409 to a second decision, 404 to an unknown id and 400 to a bad decision', async () => {
    const agent = await core.agent();
    const requested = core.next('approval.requested');
    const call = agent.callTool({ name: 'everything__echo', arguments: { message: 'twice' } });
    const approval = await requested;
    const bad = await core.api('POST', `/api/v1/approvals/${approval.id}`, { decision: 'maybe' });
    expect(bad).toMatchObject({ status: 400, body: { success: false } });
    expect(JSON.stringify(bad.body)).toContain('decision');
    await core.data('POST', `/api/v1/approvals/${approval.id}`, { decision: 'deny' });
    const second = await core.api('POST', `/api/v1/approvals/${approval.id}`, {
      decision: 'allow_once',
    });
    expect(second.status).toBe(409);
    expect(await core.data('GET', `/api/v1/approvals/${approval.id}`)).toMatchObject({
      decision: 'deny',
      decided_by: 'api',
    });
    expect((await core.api('GET', '/api/v1/approvals/nope')).status).toBe(404);
    expect((await core.api('POST', '/api/v1/approvals/nope', { decision: 'deny' })).status).toBe(
      404,
    );
    expect((await call).isError).toBe(true);
  });

  it('refuses an MCP token on the approval routes', async () => {
    const agent = await core.agent();
    const requested = core.next('approval.requested');
    const call = agent.callTool({ name: 'everything__echo', arguments: { message: 'self' } });
    const approval = await requested;
    const url = `${core.base}/api/v1/approvals/${approval.id}`;
    const body = JSON.stringify({ decision: 'allow_once' });
    const headers = { 'Content-Type': 'application/json' };
    const auths: Record<string, string>[] = [
      { Authorization: `Bearer ${core.token}` },
      { 'X-API-Key': core.token },
    ];
    for (const auth of auths) {
      const response = await fetch(url, { method: 'POST', headers: { ...headers, ...auth }, body });
      expect(response.status).toBe(401);
      const list = await fetch(`${core.base}/api/v1/approvals`, { headers: auth });
      expect(list.status).toBe(401);
    }
    expect(core.switchboard.approvals.get(approval.id)).toMatchObject({ decision: null });
    await core.data('POST', `/api/v1/approvals/${approval.id}`, { decision: 'deny' });
    await call;
  });

  it('allow_session lets later calls of the tool in that session through, and asks other sessions', async () => {
    const agent = await core.agent();
    const requested = core.next('approval.requested');
    const first = agent.callTool({ name: 'everything__echo', arguments: { message: 'one' } });
    const approval = await requested;
    await core.data('POST', `/api/v1/approvals/${approval.id}`, { decision: 'allow_session' });
    expect(resultText(await first)).toBe('Echo: one');
    // No approval is requested: the call answers without any decision.
    expect(
      resultText(await agent.callTool({ name: 'everything__echo', arguments: { message: 'two' } })),
    ).toBe('Echo: two');

    const records = await core.records(`session_id=${approval.session_id}`);
    expect(records.map((r) => r.metadata.approval)).toEqual([
      { decision: 'allow_session', decided_by: 'api', approval_id: approval.id, waited_ms: 0 },
      expect.objectContaining({ decision: 'allow_session', decided_by: 'api' }),
    ]);

    const other = await core.agent('other-agent');
    const otherRequested = core.next('approval.requested');
    const otherCall = other.callTool({ name: 'everything__echo', arguments: { message: 'x' } });
    const otherApproval = await otherRequested;
    expect(otherApproval.session_id).not.toBe(approval.session_id);
    await core.data('POST', `/api/v1/approvals/${otherApproval.id}`, { decision: 'deny' });
    expect((await otherCall).isError).toBe(true);
  });

  it('ends as cancelled when the agent cancels', async () => {
    const agent = await core.agent();
    const requested = core.next('approval.requested');
    const resolved = core.next('approval.resolved');
    const controller = new AbortController();
    const call = agent.callTool(
      { name: 'everything__echo', arguments: { message: 'gone' } },
      undefined,
      { signal: controller.signal },
    );
    const approval = await requested;
    controller.abort('changed my mind');
    await expect(call).rejects.toThrow();
    expect(await resolved).toMatchObject({
      id: approval.id,
      decision: 'cancelled',
      decided_by: 'agent',
    });
    // The record is enqueued just after the event, by the call's own handler.
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

  it('holds no other call: 10 calls wait while unrelated calls complete', async () => {
    const agent = await core.agent();
    const waiting = [];
    for (let i = 0; i < 10; i++) {
      const requested = core.next('approval.requested');
      waiting.push(
        agent.callTool({ name: 'everything__echo', arguments: { message: `wait ${i}` } }),
      );
      await requested;
    }
    expect(await core.data<unknown[]>('GET', '/api/v1/approvals')).toHaveLength(10);
    const other = await core.agent('unrelated');
    const sums = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? agent : other).callTool({
          name: 'everything__get-sum',
          arguments: { a: i, b: 1 },
        }),
      ),
    );
    expect(sums.every((result) => result.isError !== true)).toBe(true);
    expect(await core.data<unknown[]>('GET', '/api/v1/approvals')).toHaveLength(10);
    for (const approval of core.switchboard.approvals.pending())
      await core.data('POST', `/api/v1/approvals/${approval.id}`, { decision: 'allow_once' });
    const results = await Promise.all(waiting);
    expect(results.map(resultText)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Echo: wait ${i}`),
    );
  });
});
