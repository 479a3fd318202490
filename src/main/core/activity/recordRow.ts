/**
 * The mapping between an ActivityRecord and its `activity` row (db/migrations.ts).
 */
import canonicalize from 'canonicalize';
import type {
  ActivityListRow,
  ActivityRecord,
  ActivityStatus,
  ActivityType,
  ErrorKind,
} from '../../../shared/activity';

/** Columns of a list row, in table order (bodies excluded). */
export const LIST_COLUMNS = `seq, id, type, timestamp_ms, server_name, tool_name, status, error_kind,
  duration_ms, session_id, client_name, client_version, token_id, token_name, request_bytes,
  response_bytes, response_truncated, policy_id, error_message, reason, metadata`;
export const RECORD_COLUMNS = `${LIST_COLUMNS}, arguments, response`;

export interface ActivityRow {
  seq: number;
  id: string;
  type: string;
  timestamp_ms: number;
  server_name: string | null;
  tool_name: string | null;
  status: string;
  error_kind: string | null;
  duration_ms: number | null;
  session_id: string | null;
  client_name: string | null;
  client_version: string | null;
  token_id: string | null;
  token_name: string | null;
  request_bytes: number;
  response_bytes: number;
  response_truncated: number;
  policy_id: string | null;
  error_message: string | null;
  reason: string | null;
  metadata: string;
  arguments?: string | null;
  response?: string | null;
  /** SPEC 12's chain link, read only where it is exported or verified. */
  prev_hash?: string | null;
  hash?: string | null;
}

/** Parameters of the insert statement, named after the columns: a row before SQLite gives it a seq. */
export type ActivityInsertParams = Omit<
  ActivityRow,
  'seq' | 'metadata' | 'arguments' | 'response' | 'prev_hash' | 'hash'
> & {
  metadata: CanonicalJsonText;
  arguments: CanonicalJsonText | null;
  response: string | null;
};

/** JSON text in RFC 8785 form, made only by `canonicalJson`: the chain writer hashes it as is. */
export type CanonicalJsonText = string & { readonly canonicalJson: unique symbol };

export const INSERT_ACTIVITY_SQL = `INSERT INTO activity (id, type, timestamp_ms, server_name, tool_name,
  status, error_kind, duration_ms, session_id, client_name, client_version, token_id, token_name,
  request_bytes, response_bytes, response_truncated, policy_id, error_message, reason, metadata,
  arguments, response)
  VALUES (@id, @type, @timestamp_ms, @server_name, @tool_name, @status, @error_kind, @duration_ms,
  @session_id, @client_name, @client_version, @token_id, @token_name, @request_bytes,
  @response_bytes, @response_truncated, @policy_id, @error_message, @reason, @metadata,
  @arguments, @response)`;

/** Parses an RFC 3339 timestamp to epoch milliseconds, or NaN. */
export function timestampMs(timestamp: string): number {
  return Date.parse(timestamp);
}

/**
 * Arguments and metadata are stored as their JCS (RFC 8785) text, the form the hash chain
 * hashes: verify can then hash the stored text as it is (chainRecordSql.ts). What JSON.stringify
 * would turn into null or drop (NaN, undefined, toJSON) goes through it first.
 */
export function canonicalJson(value: unknown): CanonicalJsonText {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch {
    text = canonicalize(JSON.parse(JSON.stringify(value) ?? 'null'));
  }
  return (text ?? 'null') as CanonicalJsonText;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

export function toInsertParams(record: ActivityRecord): ActivityInsertParams {
  return {
    id: record.id,
    type: record.type,
    timestamp_ms: timestampMs(record.timestamp),
    server_name: orNull(record.server_name),
    tool_name: orNull(record.tool_name),
    status: record.status,
    error_kind: orNull(record.error_kind),
    duration_ms: orNull(record.duration_ms),
    session_id: orNull(record.session_id),
    client_name: orNull(record.client_name),
    client_version: orNull(record.client_version),
    token_id: orNull(record.token_id),
    token_name: orNull(record.token_name),
    request_bytes: record.request_bytes ?? 0,
    response_bytes: record.response_bytes ?? 0,
    response_truncated: record.response_truncated ? 1 : 0,
    policy_id: orNull(record.policy_id),
    error_message: orNull(record.error_message),
    reason: orNull(record.reason),
    metadata: canonicalJson(record.metadata ?? {}),
    arguments: record.arguments == null ? null : canonicalJson(record.arguments),
    response: orNull(record.response),
  };
}

function parseObject(text: string | null | undefined): Record<string, unknown> | null {
  if (text == null) return null;
  if (text === '{}') return {};
  return JSON.parse(text) as Record<string, unknown>;
}

export function toListRow(row: ActivityRow): ActivityListRow {
  return {
    id: row.id,
    type: row.type as ActivityType,
    timestamp: new Date(row.timestamp_ms).toISOString(),
    server_name: row.server_name,
    tool_name: row.tool_name,
    response_truncated: row.response_truncated === 1,
    status: row.status as ActivityStatus,
    error_message: row.error_message,
    error_kind: row.error_kind as ErrorKind | null,
    duration_ms: row.duration_ms,
    session_id: row.session_id,
    client_name: row.client_name,
    client_version: row.client_version,
    token_id: row.token_id,
    token_name: row.token_name,
    request_bytes: row.request_bytes,
    response_bytes: row.response_bytes,
    policy_id: row.policy_id,
    reason: row.reason,
    metadata: parseObject(row.metadata) ?? {},
  };
}

/** The full record, fields in SPEC 5 order. */
export function toRecord(row: ActivityRow): ActivityRecord {
  const list = toListRow(row);
  return {
    id: list.id,
    type: list.type,
    timestamp: list.timestamp,
    server_name: list.server_name,
    tool_name: list.tool_name,
    arguments: parseObject(row.arguments),
    response: row.response ?? null,
    response_truncated: list.response_truncated,
    status: list.status,
    error_message: list.error_message,
    error_kind: list.error_kind,
    duration_ms: list.duration_ms,
    session_id: list.session_id,
    client_name: list.client_name,
    client_version: list.client_version,
    token_id: list.token_id,
    token_name: list.token_name,
    request_bytes: list.request_bytes,
    response_bytes: list.response_bytes,
    policy_id: list.policy_id,
    reason: list.reason,
    metadata: list.metadata,
  };
}
