import { beforeEach, describe, expect, it } from 'vitest';
import {
  createBlockedCallNotifier,
  type BlockedCallNotification,
  type NotifierClock,
} from '../../../src/main/desktop/blockedCallNotifier';
import { activityRecord, blockedEvent } from './activityRecordFixture';

/** A clock the test moves by hand: timers fire when `advance` passes them. */
function manualClock(): NotifierClock & { advance(ms: number): void } {
  let now = 1_000_000;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimeout(callback, ms) {
      nextId += 1;
      timers.push({ at: now + ms, callback, id: nextId });
      return nextId;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.callback();
      }
      now = until;
    },
  };
}

describe('blockedCallNotifier', () => {
  let clock: ReturnType<typeof manualClock>;
  let shown: BlockedCallNotification[];
  let muted: boolean;

  beforeEach(() => {
    clock = manualClock();
    shown = [];
    muted = false;
  });

  function notifier(): ReturnType<typeof createBlockedCallNotifier> {
    return createBlockedCallNotifier({
      notify: (notification) => shown.push(notification),
      isMuted: () => muted,
      clock,
      perRuleIntervalMs: 5_000,
    });
  }

  it('announces a blocked call with the exposed tool name and the reason, opening that record', () => {
    const event = blockedEvent();
    notifier().observe(event);
    expect(shown).toEqual([
      {
        title: 'Blocked: github__delete_repo',
        body: 'Deletions need a human',
        recordId: event.record.id,
        tool: { server: 'github', tool: 'delete_repo' },
      },
    ]);
  });

  it('ignores calls that were not blocked and other record types', () => {
    const n = notifier();
    n.observe({ event: 'activity.tool_call.completed', seq: 1, record: activityRecord() });
    n.observe({
      event: 'activity.tool_call.completed',
      seq: 2,
      record: activityRecord({ status: 'error' }),
    });
    expect(shown).toEqual([]);
  });

  it('coalesces a burst into one notification per rule every few seconds, counting the last minute', () => {
    const n = notifier();
    n.observe(blockedEvent());
    let last = blockedEvent();
    for (let i = 0; i < 6; i += 1) {
      clock.advance(100);
      last = blockedEvent();
      n.observe(last);
    }
    expect(shown).toHaveLength(1);
    clock.advance(5_000);
    expect(shown).toHaveLength(2);
    expect(shown[1]).toEqual({
      title: 'Blocked: github__delete_repo',
      body: '7 calls blocked in the last minute: Deletions need a human',
      recordId: last.record.id,
      tool: { server: 'github', tool: 'delete_repo' },
    });
  });

  it('keeps rules apart: another rule is announced at once', () => {
    const n = notifier();
    n.observe(blockedEvent());
    n.observe(
      blockedEvent({ policy_id: 'quarantine', server_name: 'shady', reason: 'Quarantined' }),
    );
    expect(shown.map((s) => s.title)).toEqual([
      'Blocked: github__delete_repo',
      'Blocked: shady__delete_repo',
    ]);
  });

  it('announces a single held call as itself, not as a burst', () => {
    const n = notifier();
    n.observe(blockedEvent());
    clock.advance(1_000);
    const held = blockedEvent({ tool_name: 'delete_branch' });
    n.observe(held);
    clock.advance(4_000);
    expect(shown[1]).toEqual({
      title: 'Blocked: github__delete_branch',
      body: 'Deletions need a human',
      recordId: held.record.id,
      tool: { server: 'github', tool: 'delete_branch' },
    });
  });

  it('names the rule when a burst covers several tools', () => {
    const n = notifier();
    n.observe(blockedEvent());
    n.observe(blockedEvent({ tool_name: 'delete_branch' }));
    n.observe(blockedEvent({ tool_name: 'delete_file' }));
    clock.advance(5_000);
    expect(shown[1]?.title).toBe('Blocked by policy "no-deletes"');
    expect(shown[1]?.body).toBe('3 calls blocked in the last minute: Deletions need a human');
    expect(shown[1]?.tool).toBeNull();
  });

  it('announces again at once after the interval has passed', () => {
    const n = notifier();
    n.observe(blockedEvent());
    clock.advance(6_000);
    n.observe(blockedEvent());
    expect(shown).toHaveLength(2);
  });

  it('shows nothing while muted, and drops what was held when muted meanwhile', () => {
    const n = notifier();
    muted = true;
    n.observe(blockedEvent());
    expect(shown).toEqual([]);
    muted = false;
    n.observe(blockedEvent());
    n.observe(blockedEvent());
    muted = true;
    clock.advance(10_000);
    expect(shown).toHaveLength(1);
  });

  it('cancels held notifications on dispose', () => {
    const n = notifier();
    n.observe(blockedEvent());
    n.observe(blockedEvent());
    n.dispose();
    clock.advance(10_000);
    expect(shown).toHaveLength(1);
  });
});
