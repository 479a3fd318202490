import { afterEach, describe, expect, it } from 'vitest';
import {
  AFTER_RESPONSE_GROUP,
  afterResponse,
  drainAfterResponse,
  pendingAfterResponse,
} from '../../../../src/main/core/telemetry/afterResponse';

const nextTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

afterEach(() => drainAfterResponse());

describe('span work after the response', () => {
  it('runs a full group in the next turn of the event loop, in order', async () => {
    const ran: number[] = [];
    for (let i = 0; i < AFTER_RESPONSE_GROUP; i++) afterResponse(() => ran.push(i));
    expect(ran).toEqual([]);
    await nextTurn();
    expect(ran).toEqual([...Array(AFTER_RESPONSE_GROUP).keys()]);
    expect(pendingAfterResponse()).toBe(0);
  });

  it('runs a group that does not fill later, on its timer', async () => {
    let done!: () => void;
    const ran = new Promise<void>((resolve) => (done = resolve));
    afterResponse(() => done());
    await nextTurn();
    expect(pendingAfterResponse()).toBe(1);
    await ran;
    expect(pendingAfterResponse()).toBe(0);
  });

  it('runs what waits when drained (a flush, a stop), a failing task losing none of the others', () => {
    const ran: string[] = [];
    afterResponse(() => ran.push('a'));
    afterResponse(() => {
      throw new Error('broken span');
    });
    afterResponse(() => ran.push('c'));
    drainAfterResponse();
    expect(ran).toEqual(['a', 'c']);
    expect(pendingAfterResponse()).toBe(0);
  });
});
