/**
 * SPEC 10: what ends a wait besides a person (the timeout, a shutdown), the progress that keeps
 * clients waiting, the SSE state events, the `ui` channel and the approval_timeout_s setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName, sessionCookieValue } from '../../../src/main/core/http/apiKeyAuth';
import { APPROVAL_PROGRESS_MESSAGE } from '../../../src/main/core/approvals';
import { resultText } from '../../support/agent';
import { openEventText } from '../apiSupport';
import { startApprovalCore, type ApprovalCore } from './approvalSupport';

let core: ApprovalCore;

beforeAll(async () => {
  // A test-only timeout below the config's 5 s minimum, and fast progress.
  core = await startApprovalCore({ approvalTimeoutS: 0.5, approvalProgressIntervalMs: 50 });
}, 60_000);

afterAll(async () => {
  await core?.stop();
});

describe('an approval nobody answers', () => {
  it('is denied by the timeout with decided_by timeout, after progress every interval', async () => {
    const agent = await core.agent();
    const requested = core.next('approval.requested');
    const progress: { progress: number; message?: string }[] = [];
    const result = await agent.callTool(
      { name: 'everything__echo', arguments: { message: 'late' } },
      undefined,
      { onprogress: (update) => progress.push(update) },
    );
    const approval = await requested;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toBe('No decision in Switchboard within 0.5 s (policy "ask-echo")');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.message === APPROVAL_PROGRESS_MESSAGE)).toBe(true);

    await core.waitForTotal(`session_id=${approval.session_id}`, 1);
    const [record] = await core.records(`session_id=${approval.session_id}`);
    expect(record).toMatchObject({
      type: 'policy_decision',
      status: 'blocked',
      reason: 'No decision within 0.5 s',
      metadata: { approval: { decision: 'deny', decided_by: 'timeout' } },
    });
    expect(record?.duration_ms).toBeGreaterThanOrEqual(450);
    expect(await core.data('GET', `/api/v1/approvals/${approval.id}`)).toMatchObject({
      decision: 'deny',
      decided_by: 'timeout',
    });
  });
});

describe('approval events and channels', () => {
  it('streams approval.requested and approval.resolved over SSE without id lines', async () => {
    const events = await openEventText(core);
    const agent = await core.agent();
    const call = agent.callTool({ name: 'everything__echo', arguments: { message: 'sse' } });
    await events.readUntil('event: approval.requested');
    const approval = core.switchboard.approvals.pending()[0]!;
    // The browser UI's cookie is the `ui` channel.
    const cookie = `${sessionCookieName(Number(new URL(core.base).port))}=${sessionCookieValue(core.apiKey)}`;
    const decided = await fetch(`${core.base}/api/v1/approvals/${approval.id}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'allow_once' }),
    });
    expect(decided.status).toBe(200);
    await events.readUntil('event: approval.resolved');
    await events.readUntil('\n\n');
    expect(resultText(await call)).toBe('Echo: sse');
    events.close();

    const frames = events
      .text()
      .split('\n\n')
      .filter((frame) => frame.includes('event: approval.'));
    expect(frames).toHaveLength(2);
    for (const frame of frames) expect(frame).not.toMatch(/^id:/m);
    const resolved = JSON.parse(frames[1]!.split('data: ')[1]!) as Record<string, unknown>;
    expect(resolved).toMatchObject({ id: approval.id, decision: 'allow_once', decided_by: 'ui' });
  });

  it('takes approval_timeout_s through PATCH /api/v1/settings within 5 to 3600', async () => {
    expect((await core.api('PATCH', '/api/v1/settings', { approval_timeout_s: 4 })).status).toBe(
      400,
    );
    const bad = await core.api('PATCH', '/api/v1/settings', { approval_timeout_s: 3601 });
    expect(JSON.stringify(bad.body)).toContain('approval_timeout_s');
    expect(await core.data('PATCH', '/api/v1/settings', { approval_timeout_s: 120 })).toMatchObject(
      { approval_timeout_s: 120 },
    );
  });
});

describe('a shutdown', () => {
  it('denies what is pending with decided_by shutdown', async () => {
    const doomed = await startApprovalCore();
    const agent = await doomed.agent();
    const requested = doomed.next('approval.requested');
    const resolved = doomed.next('approval.resolved');
    const call = agent.callTool({ name: 'everything__echo', arguments: { message: 'bye' } });
    await requested;
    const closing = doomed.switchboard.close();
    expect(await resolved).toMatchObject({ decision: 'deny', decided_by: 'shutdown' });
    expect(resultText(await call)).toBe('Denied in Switchboard (policy "ask-echo")');
    await closing;
    await doomed.stop();
  }, 60_000);
});
