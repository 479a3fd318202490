/**
 * How a pending elicitation ends without a person: the wait runs out (cancel), the agent cancels
 * its call, or a shutdown. The wait is cut to 1 s here (a test-only option below the 5 s minimum).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PendingRequest } from '../../../src/shared/approvals';
import { elicitResultOf, startElicitationCore, type ElicitationCore } from './elicitationSupport';

let core: ElicitationCore;

beforeAll(async () => {
  core = await startElicitationCore({ approvalTimeoutS: 1 });
}, 60_000);

afterAll(async () => {
  await core?.stop();
});

function resolvedOf(id: string): Promise<PendingRequest> {
  return new Promise((done) => {
    const stop = core.switchboard.approvals.onDidChange((change) => {
      if (change.event !== 'approval.resolved' || change.request.id !== id) return;
      stop();
      done(change.request);
    });
  });
}

describe('a pending elicitation nobody answers', () => {
  it('is cancelled at expires_at: the upstream hears cancel, the record says timeout', async () => {
    const agent = await core.agent();
    const asked = core.nextElicitation();
    const call = agent.callTool({ name: 'ask__ask', arguments: {} });
    const request = await asked;
    expect(Date.parse(request.expires_at) - Date.parse(request.requested_at)).toBe(1_000);
    const resolved = resolvedOf(request.id);
    expect(elicitResultOf(await call)).toEqual({ action: 'cancel' });
    expect(await resolved).toMatchObject({ action: 'cancel', decided_by: 'timeout' });
    const [record] = await core.records('server=ask&tool=ask');
    expect(record?.metadata.elicitations).toEqual([
      {
        message: 'Who is calling?',
        action: 'cancel',
        decided_by: 'timeout',
        waited_ms: expect.any(Number),
      },
    ]);
  });

  it('on stdio, names every call in flight to that server', async () => {
    const [first, second] = [await core.agent('first'), await core.agent('second')];
    const asked = core.nextElicitation();
    const firstCall = first.callTool({ name: 'ask__ask', arguments: {} });
    await asked;
    const next = core.nextElicitation();
    const secondCall = second.callTool({ name: 'ask__ask', arguments: {} });
    const two = await next;
    expect(two.related_record_ids).toHaveLength(2);
    await Promise.all([firstCall, secondCall]);
  });

  it('ends as cancelled by the agent when the agent cancels its call, and the call records it', async () => {
    const agent = await core.agent();
    const asked = core.nextElicitation();
    const controller = new AbortController();
    const call = agent.callTool({ name: 'web__ask', arguments: {} }, undefined, {
      signal: controller.signal,
    });
    const request = await asked;
    const resolved = resolvedOf(request.id);
    controller.abort('changed my mind');
    await expect(call).rejects.toThrow();
    expect(await resolved).toMatchObject({ action: 'cancel', decided_by: 'agent' });
    await core.waitForTotal('server=web&tool=ask&status=error', 1);
    const [record] = await core.records('server=web&tool=ask');
    expect(record).toMatchObject({ status: 'error', error_kind: 'cancelled' });
    expect(record?.metadata.elicitations).toEqual([
      {
        message: 'Who is calling?',
        action: 'cancel',
        decided_by: 'agent',
        waited_ms: expect.any(Number),
      },
    ]);
  });
});
