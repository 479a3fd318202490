import { ulid } from 'ulid';
import type { ActivityRecord } from '../../../../../src/shared/activity';

/** A complete record with realistic defaults; tests override what they look at. */
export function makeRecord(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    id: ulid(),
    type: 'tool_call',
    timestamp: new Date().toISOString(),
    server_name: 'everything',
    tool_name: 'echo',
    arguments: { message: 'hello' },
    response: 'Echo: hello',
    response_truncated: false,
    status: 'success',
    error_message: null,
    error_kind: null,
    duration_ms: 4,
    session_id: 'session-1',
    client_name: 'test-agent',
    client_version: '1.0.0',
    token_id: null,
    token_name: null,
    request_bytes: 19,
    response_bytes: 40,
    policy_id: null,
    reason: null,
    metadata: {},
    ...overrides,
  };
}
