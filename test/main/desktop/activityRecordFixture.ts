import type { ActivityEvent, ActivityRecord } from '../../../src/shared/activity';

let counter = 0;

export function activityRecord(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  counter += 1;
  return {
    id: `01JTEST${String(counter).padStart(19, '0')}`,
    type: 'tool_call',
    timestamp: new Date().toISOString(),
    server_name: 'github',
    tool_name: 'search',
    arguments: null,
    response: null,
    response_truncated: false,
    status: 'success',
    error_message: null,
    error_kind: null,
    duration_ms: 3,
    session_id: null,
    client_name: null,
    client_version: null,
    token_id: null,
    token_name: null,
    request_bytes: 2,
    response_bytes: 2,
    policy_id: null,
    reason: null,
    metadata: {},
    ...overrides,
  };
}

export function blockedEvent(overrides: Partial<ActivityRecord> = {}): ActivityEvent {
  return {
    event: 'activity.policy_decision',
    seq: counter,
    record: activityRecord({
      type: 'policy_decision',
      status: 'blocked',
      tool_name: 'delete_repo',
      policy_id: 'no-deletes',
      reason: 'Deletions need a human',
      ...overrides,
    }),
  };
}
