import { describe, expect, it } from 'vitest';
import {
  estimatedBytes,
  PendingRecords,
} from '../../../../../src/main/core/activity/recorder/pendingRecords';
import { makeRecord } from '../activityFixtures';

describe('PendingRecords', () => {
  it('peeks the oldest records within the row and byte caps, but always one', () => {
    const pending = new PendingRecords();
    const big = makeRecord({ response: 'x'.repeat(10_000) });
    pending.push(big, 1);
    pending.push(makeRecord(), 2);
    pending.push(makeRecord(), 3);
    expect(pending.peek(10, 100).map((p) => p.record)).toEqual([big]);
    expect(pending.peek(2, 1_000_000)).toHaveLength(2);
    expect(pending.oldestQueuedAt()).toBe(1);
    expect(pending.count).toBe(3);
  });

  it('settles from the head, keeping counts and bytes, and empties cleanly', () => {
    const pending = new PendingRecords();
    const records = [makeRecord(), makeRecord({ response: 'abc' }), makeRecord()];
    for (const record of records) pending.push(record);
    const total = records.reduce((sum, r) => sum + estimatedBytes(r), 0);
    expect(pending.bytes).toBe(total);
    pending.settle(1);
    expect(pending.bytes).toBe(total - estimatedBytes(records[0]!));
    expect(pending.peek(1, Infinity)[0]?.record).toBe(records[1]);
    pending.settle(5);
    expect([pending.count, pending.bytes, pending.pushed, pending.settled]).toEqual([0, 0, 3, 3]);
    expect(pending.oldestQueuedAt()).toBeUndefined();
  });

  it('keeps order across compaction of a long-running backlog', () => {
    const pending = new PendingRecords();
    const records = Array.from({ length: 10_000 }, () => makeRecord());
    for (const record of records) pending.push(record);
    pending.settle(6_000);
    pending.push(makeRecord());
    expect(pending.count).toBe(4_001);
    expect(pending.peek(1, Infinity)[0]?.record).toBe(records[6_000]);
  });
});
