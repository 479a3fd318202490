/**
 * The activity record: one shape for the store, REST, SSE, IPC, CLI, export and UI (SPEC 5).
 */

export const ACTIVITY_TYPES = [
  'tool_call',
  'policy_decision',
  'quarantine_change',
  'server_change',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['success', 'error', 'blocked'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ERROR_KINDS = [
  'tool_error',
  'rpc_error',
  'timeout',
  'cancelled',
  'upstream_unavailable',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ActivityRecord {
  /** ULID assigned when the call starts, before the record is published anywhere. */
  id: string;
  type: ActivityType;
  /** RFC 3339 UTC with milliseconds: the call's start. */
  timestamp: string;
  server_name: string | null;
  tool_name: string | null;
  arguments: Record<string, unknown> | null;
  response: string | null;
  response_truncated: boolean;
  status: ActivityStatus;
  error_message: string | null;
  error_kind: ErrorKind | null;
  duration_ms: number | null;
  session_id: string | null;
  client_name: string | null;
  client_version: string | null;
  token_id: string | null;
  token_name: string | null;
  request_bytes: number;
  response_bytes: number;
  policy_id: string | null;
  reason: string | null;
  metadata: Record<string, unknown>;
}

/** A list row: the record without its bodies (SPEC 7, `GET /api/v1/activity`). */
export type ActivityListRow = Omit<ActivityRecord, 'arguments' | 'response'>;

/** Filters shared by list, summary and export. Lists are OR-ed within a field, fields AND-ed. */
export interface ActivityFilter {
  type?: ActivityType[];
  server?: string;
  tool?: string;
  session_id?: string;
  status?: ActivityStatus[];
  /** Token id or token name. */
  token?: string;
  /** RFC 3339, inclusive. */
  start_time?: string;
  /** RFC 3339, exclusive. */
  end_time?: string;
  /** Full-text: every word must match, the last as a prefix. */
  q?: string;
}

/** List orders: newest first (the default), oldest first, slowest first, fastest first. */
export const ACTIVITY_SORTS = ['time_desc', 'time_asc', 'duration_desc', 'duration_asc'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

export interface ActivityQuery extends ActivityFilter {
  /** Default `time_desc`. Records without a duration come last slowest-first, first fastest-first. */
  sort?: ActivitySort;
  /** 1-100, default 50. */
  limit?: number;
  offset?: number;
  /** Opaque keyset cursor from a previous page's `next_cursor`. */
  cursor?: string;
}

export interface ActivityPage {
  activities: ActivityListRow[];
  total: number;
  limit: number;
  offset: number;
  next_cursor: string | null;
}

export const SUMMARY_PERIODS = ['1h', '24h', '7d', '30d'] as const;
export type SummaryPeriod = (typeof SUMMARY_PERIODS)[number];

export interface ToolSummary {
  server_name: string | null;
  tool_name: string | null;
  count: number;
  error_count: number;
  blocked_count: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
}

export interface TimelineBucket {
  /** RFC 3339 start of the bucket. */
  start: string;
  success: number;
  error: number;
  blocked: number;
}

export interface ActivitySummary {
  period: SummaryPeriod;
  from: string;
  to: string;
  /** Width of one timeline bucket. */
  bucket_ms: number;
  total: number;
  by_status: Record<ActivityStatus, number>;
  by_type: Record<ActivityType, number>;
  top_servers: { server_name: string | null; count: number }[];
  top_tools: ToolSummary[];
  timeline: TimelineBucket[];
}

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** CSV columns in order (SPEC 7); `arguments,response` follow with include_bodies. */
export const EXPORT_CSV_COLUMNS = [
  'id',
  'type',
  'timestamp',
  'server_name',
  'tool_name',
  'status',
  'error_kind',
  'error_message',
  'duration_ms',
  'session_id',
  'client_name',
  'token_name',
  'policy_id',
  'reason',
  'response_truncated',
  'request_bytes',
  'response_bytes',
] as const;
export const EXPORT_BODY_COLUMNS = ['arguments', 'response'] as const;
/** SPEC 12: every export ends each record with its chain link (CSV: the last columns). */
export const EXPORT_CHAIN_COLUMNS = ['seq', 'hash', 'prev_hash'] as const;

/** A record as exported: the record (or list row) and its chain link. */
export interface ChainLink {
  seq: number;
  hash: string | null;
  prev_hash: string | null;
}

/** Live event names (SPEC 7, SSE `event:` and IPC). */
export const ACTIVITY_EVENT_NAMES = [
  'activity.tool_call.started',
  'activity.tool_call.completed',
  'activity.policy_decision',
  'activity.server_change',
  'activity.quarantine_change',
] as const;
export type ActivityEventName = (typeof ACTIVITY_EVENT_NAMES)[number];

export interface ActivityEvent {
  event: ActivityEventName;
  /** Commit sequence (SSE `id:`); null only for `activity.tool_call.started`, which is never stored. */
  seq: number | null;
  record: ActivityRecord;
}

/** The event a committed record of a given type is published under. */
export function eventNameForRecord(
  type: ActivityType,
): Exclude<ActivityEventName, 'activity.tool_call.started'> {
  switch (type) {
    case 'tool_call':
      return 'activity.tool_call.completed';
    case 'policy_decision':
      return 'activity.policy_decision';
    case 'server_change':
      return 'activity.server_change';
    case 'quarantine_change':
      return 'activity.quarantine_change';
  }
}
