import { ulid } from 'ulid';
import type { ActivityRecord, ActivityStatus } from '../../../shared/activity';

export type ServerChangeAction = 'crashed' | 'connect_failed' | 'reconnected';

/** A `server_change` record (SPEC 5) for something that happened to an upstream connection. */
export function serverChangeRecord(
  server: string,
  status: ActivityStatus,
  action: ServerChangeAction,
  reason: string,
  extra: Record<string, unknown> = {},
): ActivityRecord {
  return {
    id: ulid(),
    type: 'server_change',
    timestamp: new Date().toISOString(),
    server_name: server,
    tool_name: null,
    arguments: null,
    response: null,
    response_truncated: false,
    status,
    error_message: status === 'error' ? reason : null,
    error_kind: status === 'error' ? 'upstream_unavailable' : null,
    duration_ms: null,
    session_id: null,
    client_name: null,
    client_version: null,
    token_id: null,
    token_name: null,
    request_bytes: 0,
    response_bytes: 0,
    policy_id: null,
    reason,
    metadata: { action, ...extra },
  };
}
