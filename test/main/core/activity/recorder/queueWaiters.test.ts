import { describe, expect, it } from 'vitest';
import { QueueWaiters } from '../../../../../src/main/core/activity/recorder/queueWaiters';

describe('QueueWaiters', () => {
  it('releases each flush once its target is settled, and every admit together', async () => {
    const waiters = new QueueWaiters();
    const done: string[] = [];
    void waiters.untilSettled(2).then(() => done.push('flush 2'));
    void waiters.untilSettled(5).then(() => done.push('flush 5'));
    void waiters.untilAdmitted().then(() => done.push('admit a'));
    void waiters.untilAdmitted().then(() => done.push('admit b'));
    waiters.settleFlushes(3);
    await Promise.resolve();
    expect(done).toEqual(['flush 2']);
    waiters.admitAll();
    waiters.settleFlushes(5);
    await Promise.resolve();
    expect(done).toEqual(['flush 2', 'admit a', 'admit b', 'flush 5']);
  });
});
