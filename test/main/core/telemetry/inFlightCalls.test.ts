import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../../src/shared/activity';
import { newActivityRecord } from '../../../../src/main/core/activity';
import { createInFlightCalls } from '../../../../src/main/core/telemetry/inFlightCalls';

interface Call {
  name: string;
  record: ActivityRecord | null;
}

function recordFor(args: Record<string, unknown> | null, session: string): ActivityRecord {
  return newActivityRecord({ type: 'tool_call', arguments: args, session_id: session });
}

describe('in-flight calls', () => {
  it('finds a call by the signal or the arguments object it passed on, and its record by its arguments', () => {
    const calls = createInFlightCalls<Call>();
    const a: Call = { name: 'a', record: null };
    const b: Call = { name: 'b', record: null };
    const argsA = { q: 1 };
    const argsB = { q: 1 };
    const signalA = new AbortController().signal;
    const signalB = new AbortController().signal;
    calls.add(a, signalA, argsA, 's1');
    calls.add(b, signalB, argsB, 's1');

    expect(calls.forUpstreamCall(signalB, undefined)).toBe(b);
    // A handler that passes a signal of its own still passes the arguments on.
    expect(calls.forUpstreamCall(new AbortController().signal, argsA)).toBe(a);
    expect(calls.forRecord(recordFor(argsB, 's1'))).toBe(b);
    // Equal arguments are not the same arguments.
    expect(calls.forRecord(recordFor({ q: 1 }, 's1'))).toBeUndefined();

    calls.remove(a, signalA, argsA, 's1');
    expect(calls.forUpstreamCall(signalA, argsA)).toBeUndefined();
  });

  it('matches calls without arguments by session, oldest first, each once', () => {
    const calls = createInFlightCalls<Call>();
    const first: Call = { name: 'first', record: null };
    const second: Call = { name: 'second', record: null };
    const other: Call = { name: 'other', record: null };
    calls.add(first, new AbortController().signal, undefined, 's1');
    calls.add(other, new AbortController().signal, undefined, 's2');
    calls.add(second, new AbortController().signal, undefined, 's1');

    const record = recordFor(null, 's1');
    expect(calls.forRecord(record)).toBe(first);
    first.record = record;
    expect(calls.forRecord(recordFor(null, 's1'))).toBe(second);
    expect(calls.forRecord(recordFor(null, 's2'))).toBe(other);
    expect(calls.forRecord(recordFor(null, 's3'))).toBeUndefined();
  });
});
