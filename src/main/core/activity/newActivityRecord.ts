import { ulid } from 'ulid';
import type { ActivityRecord } from '../../../shared/activity';

/**
 * A complete record from the fields that matter: a fresh ULID, the current time (RFC 3339 UTC
 * with milliseconds), every nullable field null, counters 0, status success.
 */
export function newActivityRecord(
  partial: Partial<ActivityRecord> & Pick<ActivityRecord, 'type'>,
): ActivityRecord {
  // Only when not given: a ULID and a clock read cost something on the call path.
  const { id = ulid(), type, timestamp = new Date().toISOString(), ...rest } = partial;
  // Fields in SPEC 5 order, as every record the log returns.
  return {
    id,
    type,
    timestamp,
    server_name: null,
    tool_name: null,
    arguments: null,
    response: null,
    response_truncated: false,
    status: 'success',
    error_message: null,
    error_kind: null,
    duration_ms: null,
    session_id: null,
    client_name: null,
    client_version: null,
    token_id: null,
    token_name: null,
    request_bytes: 0,
    response_bytes: 0,
    policy_id: null,
    reason: null,
    metadata: {},
    ...rest,
  };
}
