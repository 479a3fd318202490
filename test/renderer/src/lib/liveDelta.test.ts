import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../../src/shared/activity';
import { LiveDeltaBuffer, checkSeq } from '../../../../src/renderer/src/lib/liveDelta';
import { makeRecord } from './fixtures';

const completed = (seq: number, id = `r${seq}`): ActivityEvent => ({
  event: 'activity.tool_call.completed',
  seq,
  record: makeRecord({ id }),
});

describe('checkSeq', () => {
  it('classifies the next, a gap, a repeat and a restart', () => {
    expect(checkSeq(null, 5)).toBe('next');
    expect(checkSeq(5, 6)).toBe('next');
    expect(checkSeq(5, 9)).toBe('gap');
    expect(checkSeq(5, 5)).toBe('duplicate');
    expect(checkSeq(5000, 1)).toBe('reset');
  });
});

describe('LiveDeltaBuffer', () => {
  it('coalesces a burst into one delta, in arrival order', () => {
    const buffer = new LiveDeltaBuffer();
    for (let seq = 1; seq <= 1000; seq++) buffer.push(completed(seq));
    const delta = buffer.drain();
    expect(delta.records).toHaveLength(1000);
    expect(delta.records[0]?.id).toBe('r1');
    expect(delta.gap).toBe(false);
    expect(delta.lastSeq).toBe(1000);
    expect(buffer.hasPending).toBe(false);
  });

  it('flags a gap in the commit sequence and skips replayed duplicates', () => {
    const buffer = new LiveDeltaBuffer(10);
    buffer.push(completed(11));
    buffer.push(completed(11));
    buffer.push(completed(14));
    const delta = buffer.drain();
    expect(delta.records.map((record) => record.id)).toEqual(['r11', 'r14']);
    expect(delta.gap).toBe(true);
    expect(buffer.drain().gap).toBe(false);
  });

  it('tracks running calls until their record commits', () => {
    const buffer = new LiveDeltaBuffer();
    buffer.push({
      event: 'activity.tool_call.started',
      seq: null,
      record: makeRecord({ id: 'a' }),
    });
    buffer.push({
      event: 'activity.tool_call.started',
      seq: null,
      record: makeRecord({ id: 'b' }),
    });
    buffer.push(completed(1, 'a'));
    const delta = buffer.drain();
    expect(delta.started.map((record) => record.id)).toEqual(['b']);
    expect(delta.completedIds).toEqual(['a']);
  });

  it('marks a cleared log (the sequence restarted)', () => {
    const buffer = new LiveDeltaBuffer(4000);
    buffer.push({
      event: 'activity.server_change',
      seq: 1,
      record: makeRecord({ id: 's', type: 'server_change' }),
    });
    const delta = buffer.drain();
    expect(delta.reset).toBe(true);
  });
});
