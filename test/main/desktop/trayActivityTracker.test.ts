import { describe, expect, it } from 'vitest';
import {
  IN_FLIGHT_FORGET_MS,
  createTrayActivityTracker,
} from '../../../src/main/desktop/trayActivityTracker';
import type { ActivityEvent } from '../../../src/shared/activity';
import { activityRecord, blockedEvent } from './activityRecordFixture';

function completed(overrides: Parameters<typeof activityRecord>[0] = {}): ActivityEvent {
  return { event: 'activity.tool_call.completed', seq: 1, record: activityRecord(overrides) };
}

describe('trayActivityTracker', () => {
  it("counts today's calls, errors and blocks and keeps the newest calls first", () => {
    let now = Date.now();
    const tracker = createTrayActivityTracker(() => now);
    tracker.observe(completed({ tool_name: 'a' }));
    tracker.observe(completed({ tool_name: 'b', status: 'error' }));
    tracker.observe(blockedEvent());
    tracker.observe({
      event: 'activity.server_change',
      seq: 4,
      record: activityRecord({ type: 'server_change' }),
    });
    const snapshot = tracker.snapshot();
    expect(snapshot.today).toEqual({ calls: 3, errors: 1, blocked: 1 });
    expect(snapshot.recentCalls.map((c) => c.tool_name)).toEqual(['delete_repo', 'b', 'a']);
    expect(snapshot.lastBlockAt).toBe(now);
    now += 1000;
    expect(tracker.snapshot().lastCallAt).toBe(now - 1000);
  });

  it('tracks calls in flight from start to completion, forgetting starts never completed', () => {
    let now = Date.now();
    const tracker = createTrayActivityTracker(() => now);
    const started = activityRecord();
    tracker.observe({ event: 'activity.tool_call.started', seq: null, record: started });
    tracker.observe({ event: 'activity.tool_call.started', seq: null, record: activityRecord() });
    expect(tracker.snapshot().inFlight).toBe(2);
    tracker.observe({ event: 'activity.tool_call.completed', seq: 1, record: started });
    expect(tracker.snapshot().inFlight).toBe(1);
    now += IN_FLIGHT_FORGET_MS + 1;
    expect(tracker.snapshot().inFlight).toBe(0);
  });

  it('starts a new day at local midnight', () => {
    const evening = new Date();
    evening.setHours(23, 59, 0, 0);
    let now = evening.getTime();
    const tracker = createTrayActivityTracker(() => now);
    tracker.observe(completed({ timestamp: new Date(now).toISOString() }));
    expect(tracker.snapshot().today.calls).toBe(1);
    now += 2 * 60_000;
    expect(tracker.snapshot().today).toEqual({ calls: 0, errors: 0, blocked: 0 });
  });

  it('seeds from stored rows so a restart does not show zeros', () => {
    const tracker = createTrayActivityTracker();
    const blocked = blockedEvent().record;
    tracker.seed(
      [activityRecord({ type: 'server_change' }), activityRecord({ tool_name: 'newest' }), blocked],
      { calls: 9, errors: 2, blocked: 1 },
    );
    const snapshot = tracker.snapshot();
    expect(snapshot.recentCalls.map((c) => c.tool_name)).toEqual(['newest', 'delete_repo']);
    expect(snapshot.today).toEqual({ calls: 9, errors: 2, blocked: 1 });
    expect(snapshot.lastBlockAt).toBe(Date.parse(blocked.timestamp));
  });
});
