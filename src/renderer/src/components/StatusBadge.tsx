import type { ActivityStatus } from '../../../shared/activity';

export function StatusBadge({ status }: { status: ActivityStatus }) {
  return <span className={`status ${status}`}>{status}</span>;
}
