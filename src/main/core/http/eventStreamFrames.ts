/** Server-sent event framing and filters for `GET /events` (SPEC 7). Pure. */
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityEvent,
  type ActivityStatus,
  type ActivityType,
} from '../../../shared/activity';
import type { ApprovalEvent } from '../../../shared/approvals';
import { oneOfList } from './activityQuery';

export interface EventStreamFilter {
  type?: ActivityType[];
  server?: string;
  status?: ActivityStatus[];
}

export const KEEPALIVE_FRAME = ': keepalive\n\n';
export const CONNECTED_FRAME = ': connected\n\n';

/** `event:`, then `id:` (the commit sequence; none for a call start, which is never stored), then `data:`. */
export function formatEventFrame(event: ActivityEvent): string {
  const id = event.seq === null ? '' : `id: ${event.seq}\n`;
  // JSON.stringify escapes CR and LF, so the record is always one `data:` line.
  return `event: ${event.event}\n${id}data: ${JSON.stringify(event.record)}\n\n`;
}

/** `approval.requested` / `approval.resolved`: state, so no `id:` line (SPEC 10). */
export function formatApprovalFrame(event: ApprovalEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.request)}\n\n`;
}

export function formatErrorFrame(message: string): string {
  return `event: error\ndata: ${JSON.stringify({ error: message })}\n\n`;
}

export function parseEventStreamFilter(params: URLSearchParams): EventStreamFilter {
  const filter: EventStreamFilter = {};
  const type = oneOfList<ActivityType>(params, 'type', ACTIVITY_TYPES);
  const status = oneOfList<ActivityStatus>(params, 'status', ACTIVITY_STATUSES);
  const server = params.get('server');
  if (type) filter.type = type;
  if (status) filter.status = status;
  if (server !== null && server !== '') filter.server = server;
  return filter;
}

/** A call start has no outcome yet, so a `status` filter leaves starts out. */
export function matchesEventFilter(event: ActivityEvent, filter: EventStreamFilter): boolean {
  const { record } = event;
  if (filter.type && !filter.type.includes(record.type)) return false;
  if (filter.server !== undefined && record.server_name !== filter.server) return false;
  if (filter.status) {
    if (event.event === 'activity.tool_call.started') return false;
    if (!filter.status.includes(record.status)) return false;
  }
  return true;
}
