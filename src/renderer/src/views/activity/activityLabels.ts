import type { ActivityType } from '../../../../shared/activity';

export const TYPE_LABELS: Record<ActivityType, string> = {
  tool_call: 'Tool call',
  policy_decision: 'Policy',
  server_change: 'Server change',
  quarantine_change: 'Quarantine',
};

/** What happened, for `metadata.action` of a server change (SPEC 5 leaves the values open). */
const SERVER_ACTIONS: Record<string, string> = {
  add: 'added',
  remove: 'removed',
  update: 'changed',
  restart: 'restarted',
  enable: 'enabled',
  disable: 'disabled',
  crashed: 'crashed',
  connect_failed: 'connection failed',
  reconnected: 'reconnected',
  clear_log: 'log cleared',
};

/**
 * The Type cell of a row: the record type, and for server and quarantine changes what happened
 * ("Server restarted", "Restart failed", "Log cleared"), so those rows do not all look alike.
 */
export function recordAction(row: {
  type: ActivityType;
  status: string;
  metadata: Record<string, unknown>;
}): string {
  if (row.type === 'quarantine_change') {
    return row.metadata.quarantined === false ? 'Quarantine lifted' : 'Quarantined';
  }
  if (row.type !== 'server_change') return TYPE_LABELS[row.type];
  const action = typeof row.metadata.action === 'string' ? row.metadata.action : null;
  if (action === 'clear_log') return 'Log cleared';
  if (action === 'restart' && row.status === 'error') return 'Restart failed';
  if (action === 'connect_failed') return 'Connect failed';
  const done = action ? (SERVER_ACTIONS[action] ?? action.replace(/_/g, ' ')) : 'changed';
  return `Server ${done}`;
}
