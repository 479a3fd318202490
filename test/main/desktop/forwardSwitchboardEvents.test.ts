import { describe, expect, it } from 'vitest';
import { createActivityEventBus } from '../../../src/main/core/events';
import type { Switchboard } from '../../../src/main/core/switchboard';
import { forwardSwitchboardEvents } from '../../../src/main/desktop/forwardSwitchboardEvents';
import { EVENT_CHANNELS } from '../../../src/shared/ipc';
import { createPendingRequestRegistry } from '../../../src/main/core/approvals';
import { approvalResolvers } from '../../../src/main/core/approvals/approvalRequest';
import { pendingApproval } from '../../support/pendingApproval';
import { blockedEvent } from './activityRecordFixture';

function changeSource() {
  const listeners = new Set<() => void>();
  return {
    onDidChange: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire: () => listeners.forEach((listener) => listener()),
    size: () => listeners.size,
  };
}

describe('forwardSwitchboardEvents', () => {
  it('pushes records published in one turn as one message and coalesces server changes', async () => {
    const events = createActivityEventBus();
    const upstreams = changeSource();
    const config = changeSource();
    const approvals = createPendingRequestRegistry();
    const sent: { channel: string; args: unknown[] }[] = [];
    let serversPushed: () => void = () => {};
    const pushed = new Promise<void>((resolve) => (serversPushed = resolve));
    const stop = forwardSwitchboardEvents(
      { events, upstreams, config, approvals } as unknown as Pick<
        Switchboard,
        'events' | 'upstreams' | 'config' | 'approvals'
      >,
      (channel, ...args) => {
        sent.push({ channel, args });
        if (channel === EVENT_CHANNELS.onDidChangeServers) serversPushed();
      },
    );
    const event = blockedEvent();
    const second = blockedEvent();
    events.publish(event);
    events.publish(second);
    upstreams.fire();
    upstreams.fire();
    config.fire();
    await pushed;
    expect(sent).toEqual([
      { channel: EVENT_CHANNELS.onDidRecordActivity, args: [[event, second]] },
      { channel: EVENT_CHANNELS.onDidChangeServers, args: [] },
    ]);
    const asked = pendingApproval();
    approvals.add(asked, approvalResolvers(asked));
    expect(sent[2]).toEqual({
      channel: EVENT_CHANNELS.onDidChangeApprovals,
      args: [{ event: 'approval.requested', request: asked }],
    });
    stop();
    expect([events.listenerCount, upstreams.size(), config.size()]).toEqual([0, 0, 0]);
    approvals.close();
    expect(sent).toHaveLength(3);
  });
});
