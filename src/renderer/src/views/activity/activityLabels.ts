import type { ActivityType } from '../../../../shared/activity';

export const TYPE_LABELS: Record<ActivityType, string> = {
  tool_call: 'Tool call',
  policy_decision: 'Policy',
  server_change: 'Server change',
  quarantine_change: 'Quarantine',
};
