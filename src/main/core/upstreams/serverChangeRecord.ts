import type { ActivityRecord, ActivityStatus } from '../../../shared/activity';
import { newActivityRecord } from '../activity/newActivityRecord';

export type ServerChangeAction = 'crashed' | 'connect_failed' | 'reconnected';

/** A `server_change` record (SPEC 5) for something that happened to an upstream connection. */
export function serverChangeRecord(
  server: string,
  status: ActivityStatus,
  action: ServerChangeAction,
  reason: string,
  extra: Record<string, unknown> = {},
): ActivityRecord {
  return newActivityRecord({
    type: 'server_change',
    server_name: server,
    status,
    error_message: status === 'error' ? reason : null,
    error_kind: status === 'error' ? 'upstream_unavailable' : null,
    reason,
    metadata: { action, ...extra },
  });
}
