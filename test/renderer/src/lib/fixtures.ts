import type { ActivityListRow, ActivityRecord } from '../../../../src/shared/activity';

export function makeRecord(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
    type: 'tool_call',
    timestamp: '2026-11-23T15:00:00.000Z',
    server_name: 'everything',
    tool_name: 'echo',
    arguments: { message: 'hello' },
    response: 'Echo: hello',
    response_truncated: false,
    status: 'success',
    error_message: null,
    error_kind: null,
    duration_ms: 12,
    session_id: 'session-1',
    client_name: 'test-client',
    client_version: '1.0.0',
    token_id: 'tok_1',
    token_name: 'Claude Desktop',
    request_bytes: 20,
    response_bytes: 30,
    policy_id: null,
    reason: null,
    metadata: {},
    ...overrides,
  };
}

export function makeRow(index: number, overrides: Partial<ActivityListRow> = {}): ActivityListRow {
  const {
    arguments: _a,
    response: _r,
    ...row
  } = makeRecord({
    id: `01J${String(index).padStart(23, '0')}`,
    timestamp: new Date(Date.UTC(2026, 10, 23, 15, 0, 0) + index * 1000).toISOString(),
  });
  return { ...row, ...overrides };
}
