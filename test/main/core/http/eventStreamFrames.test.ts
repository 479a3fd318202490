import { describe, expect, it } from 'vitest';
import type { ActivityEvent, ActivityRecord } from '../../../../src/shared/activity';
import {
  formatErrorFrame,
  formatEventFrame,
  matchesEventFilter,
  parseEventStreamFilter,
} from '../../../../src/main/core/http/eventStreamFrames';

function record(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    id: '01JDQ00000000000000000000A',
    type: 'tool_call',
    timestamp: '2026-11-23T15:00:00.000Z',
    server_name: 'everything',
    tool_name: 'echo',
    arguments: { message: 'line one\nline two\r\n' },
    response: 'ok',
    response_truncated: false,
    status: 'success',
    error_message: null,
    error_kind: null,
    duration_ms: 3,
    session_id: 's',
    client_name: null,
    client_version: null,
    token_id: null,
    token_name: null,
    request_bytes: 10,
    response_bytes: 2,
    policy_id: null,
    reason: null,
    metadata: {},
    ...overrides,
  };
}

describe('SSE frames', () => {
  it('writes event, id and one data line even when the record holds newlines', () => {
    const event: ActivityEvent = {
      event: 'activity.tool_call.completed',
      seq: 7,
      record: record(),
    };
    const frame = formatEventFrame(event);
    expect(frame.startsWith('event: activity.tool_call.completed\nid: 7\ndata: {')).toBe(true);
    expect(frame.endsWith('}\n\n')).toBe(true);
    expect(frame.split('\n')).toHaveLength(5);
    expect(JSON.parse(frame.split('\n')[2]!.slice('data: '.length))).toEqual(record());
  });

  it('has no id line for a call start', () => {
    const frame = formatEventFrame({
      event: 'activity.tool_call.started',
      seq: null,
      record: record(),
    });
    expect(frame).toMatch(/^event: activity.tool_call.started\ndata: /);
    expect(frame).not.toContain('\nid:');
  });

  it('frames errors', () => {
    expect(formatErrorFrame('too slow')).toBe('event: error\ndata: {"error":"too slow"}\n\n');
  });
});

describe('event stream filters', () => {
  const completed: ActivityEvent = {
    event: 'activity.tool_call.completed',
    seq: 1,
    record: record(),
  };
  const blocked: ActivityEvent = {
    event: 'activity.policy_decision',
    seq: 2,
    record: record({ type: 'policy_decision', status: 'blocked', server_name: 'files' }),
  };
  const started: ActivityEvent = {
    event: 'activity.tool_call.started',
    seq: null,
    record: record(),
  };

  it('filters by type, server and status; a status filter leaves call starts out', () => {
    const byType = parseEventStreamFilter(new URLSearchParams('type=policy_decision'));
    expect([completed, blocked, started].map((e) => matchesEventFilter(e, byType))).toEqual([
      false,
      true,
      false,
    ]);
    const byServer = parseEventStreamFilter(new URLSearchParams('server=everything'));
    expect([completed, blocked, started].map((e) => matchesEventFilter(e, byServer))).toEqual([
      true,
      false,
      true,
    ]);
    const byStatus = parseEventStreamFilter(new URLSearchParams('status=success,blocked'));
    expect([completed, blocked, started].map((e) => matchesEventFilter(e, byStatus))).toEqual([
      true,
      true,
      false,
    ]);
    expect(matchesEventFilter(started, parseEventStreamFilter(new URLSearchParams('')))).toBe(true);
  });

  it('refuses unknown types and statuses', () => {
    expect(() => parseEventStreamFilter(new URLSearchParams('type=call'))).toThrow(
      'type: expected one of tool_call, policy_decision, quarantine_change, server_change, got "call"',
    );
    expect(() => parseEventStreamFilter(new URLSearchParams('status=fine'))).toThrow(
      'status: expected one of success, error, blocked, got "fine"',
    );
  });
});
