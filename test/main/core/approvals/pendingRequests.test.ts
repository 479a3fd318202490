import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalEvent, PendingApproval } from '../../../../src/shared/approvals';
import {
  createPendingRequestRegistry,
  PendingRequestError,
} from '../../../../src/main/core/approvals';
import { approvalResolvers } from '../../../../src/main/core/approvals/approvalRequest';
import { pendingApproval } from '../../../support/pendingApproval';

function approval(id: string, timeoutMs = 50_000): PendingApproval {
  return pendingApproval({ id }, timeoutMs);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('pending requests', () => {
  it('lists pending oldest first, keeps the first decision and refuses a second (409)', async () => {
    const registry = createPendingRequestRegistry();
    const events: ApprovalEvent[] = [];
    registry.onDidChange((event) => events.push(event));
    const a = approval('a');
    const b = approval('b');
    const heldA = registry.add(a, approvalResolvers(a));
    registry.add(b, approvalResolvers(b));
    expect(registry.pending().map((r) => r.id)).toEqual(['a', 'b']);

    expect(registry.answer('a', { decision: 'allow_session' }, 'cli')).toMatchObject({
      decision: 'allow_session',
      decided_by: 'cli',
    });
    expect(await heldA.settled).toMatchObject({ decision: 'allow_session' });
    expect(() => registry.answer('a', { decision: 'deny' }, 'ui')).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(heldA.settle({ ...a, decision: 'cancelled', decided_by: 'agent' })).toBe(false);
    expect(registry.pending().map((r) => r.id)).toEqual(['b']);
    expect(events.map((e) => `${e.event} ${e.request.id}`)).toEqual([
      'approval.requested a',
      'approval.requested b',
      'approval.resolved a',
    ]);
    registry.close();
  });

  it('names a bad decision and an unknown id', () => {
    const registry = createPendingRequestRegistry();
    const a = approval('a');
    registry.add(a, approvalResolvers(a));
    expect(() => registry.answer('a', { decision: 'yes' }, 'api')).toThrow(/decision: expected/);
    expect(() => registry.answer('zz', { decision: 'deny' }, 'api')).toThrow(PendingRequestError);
    expect(registry.get('a')).toMatchObject({ decision: null });
    registry.close();
  });

  it('expires into a timeout denial, keeps decided requests 10 minutes, and a close denies as shutdown', async () => {
    vi.useFakeTimers();
    const registry = createPendingRequestRegistry();
    const a = approval('a', 1_000);
    const heldA = registry.add(a, approvalResolvers(a));
    vi.advanceTimersByTime(1_000);
    expect(await heldA.settled).toMatchObject({ decision: 'deny', decided_by: 'timeout' });
    vi.advanceTimersByTime(10 * 60_000 - 1);
    expect(registry.get('a')).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(registry.get('a')).toBeUndefined();

    const b = approval('b');
    const heldB = registry.add(b, approvalResolvers(b));
    registry.close();
    expect(await heldB.settled).toMatchObject({ decision: 'deny', decided_by: 'shutdown' });
  });
});
