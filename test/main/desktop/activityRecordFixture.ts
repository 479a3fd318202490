import { newActivityRecord } from '../../../src/main/core/activity';
import type { ActivityEvent, ActivityRecord } from '../../../src/shared/activity';

let counter = 0;

export function activityRecord(overrides: Partial<ActivityRecord> = {}): ActivityRecord {
  counter += 1;
  return newActivityRecord({
    id: `01JTEST${String(counter).padStart(19, '0')}`,
    type: 'tool_call',
    server_name: 'github',
    tool_name: 'search',
    duration_ms: 3,
    request_bytes: 2,
    response_bytes: 2,
    ...overrides,
  });
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
