/**
 * Which fields an export writes, in output order, and the `activity` column each comes from
 * (SPEC 7): CSV in EXPORT_CSV_COLUMNS order, JSON Lines in the stored record's key order.
 */
import {
  EXPORT_BODY_COLUMNS,
  EXPORT_CHAIN_COLUMNS,
  EXPORT_CSV_COLUMNS,
  type ActivityRecord,
  type ChainLink,
  type ExportFormat,
} from '../../../shared/activity';

/**
 * How a stored value becomes output. `time`: epoch ms, written as RFC 3339. `flag`: 0/1, written
 * as a boolean. `json` and `object`: JSON text as stored (the store writes it with
 * JSON.stringify, so it is already what JSON.stringify of the parsed value gives); a missing
 * `json` value is null, a missing `object` is `{}` (recordRow.ts reads records the same way).
 */
export type ExportFieldKind = 'text' | 'number' | 'time' | 'flag' | 'json' | 'object';

/** A record field or, last on every line, its chain link (SPEC 12). */
export type ExportFieldName = keyof ActivityRecord | keyof ChainLink;

export interface ExportField {
  name: ExportFieldName;
  column: string;
  kind: ExportFieldKind;
}

export interface ExportLayout {
  format: ExportFormat;
  fields: readonly ExportField[];
}

const FIELDS: Record<ExportFieldName, ExportField> = {
  id: { name: 'id', column: 'id', kind: 'text' },
  type: { name: 'type', column: 'type', kind: 'text' },
  timestamp: { name: 'timestamp', column: 'timestamp_ms', kind: 'time' },
  server_name: { name: 'server_name', column: 'server_name', kind: 'text' },
  tool_name: { name: 'tool_name', column: 'tool_name', kind: 'text' },
  arguments: { name: 'arguments', column: 'arguments', kind: 'json' },
  response: { name: 'response', column: 'response', kind: 'text' },
  response_truncated: { name: 'response_truncated', column: 'response_truncated', kind: 'flag' },
  status: { name: 'status', column: 'status', kind: 'text' },
  error_message: { name: 'error_message', column: 'error_message', kind: 'text' },
  error_kind: { name: 'error_kind', column: 'error_kind', kind: 'text' },
  duration_ms: { name: 'duration_ms', column: 'duration_ms', kind: 'number' },
  session_id: { name: 'session_id', column: 'session_id', kind: 'text' },
  client_name: { name: 'client_name', column: 'client_name', kind: 'text' },
  client_version: { name: 'client_version', column: 'client_version', kind: 'text' },
  token_id: { name: 'token_id', column: 'token_id', kind: 'text' },
  token_name: { name: 'token_name', column: 'token_name', kind: 'text' },
  request_bytes: { name: 'request_bytes', column: 'request_bytes', kind: 'number' },
  response_bytes: { name: 'response_bytes', column: 'response_bytes', kind: 'number' },
  policy_id: { name: 'policy_id', column: 'policy_id', kind: 'text' },
  reason: { name: 'reason', column: 'reason', kind: 'text' },
  metadata: { name: 'metadata', column: 'metadata', kind: 'object' },
  seq: { name: 'seq', column: 'seq', kind: 'number' },
  hash: { name: 'hash', column: 'hash', kind: 'text' },
  prev_hash: { name: 'prev_hash', column: 'prev_hash', kind: 'text' },
};

/** JSON Lines keys in the order of a stored record (recordRow.ts toRecord, SPEC 5), then its link. */
const RECORD_KEYS: readonly ExportFieldName[] = [
  'id',
  'type',
  'timestamp',
  'server_name',
  'tool_name',
  'arguments',
  'response',
  'response_truncated',
  'status',
  'error_message',
  'error_kind',
  'duration_ms',
  'session_id',
  'client_name',
  'client_version',
  'token_id',
  'token_name',
  'request_bytes',
  'response_bytes',
  'policy_id',
  'reason',
  'metadata',
  ...EXPORT_CHAIN_COLUMNS,
];

function layoutOf(format: ExportFormat, names: readonly ExportFieldName[]): ExportLayout {
  return { format, fields: names.map((name) => FIELDS[name]) };
}

const LAYOUTS = {
  csv: layoutOf('csv', [...EXPORT_CSV_COLUMNS, ...EXPORT_CHAIN_COLUMNS]),
  csvWithBodies: layoutOf('csv', [
    ...EXPORT_CSV_COLUMNS,
    ...EXPORT_BODY_COLUMNS,
    ...EXPORT_CHAIN_COLUMNS,
  ]),
  jsonl: layoutOf(
    'jsonl',
    RECORD_KEYS.filter((key) => key !== 'arguments' && key !== 'response'),
  ),
  jsonlWithBodies: layoutOf('jsonl', RECORD_KEYS),
};

/** Without bodies, no layout names `arguments` or `response`: they never leave SQLite. */
export function exportLayout(format: ExportFormat, include_bodies: boolean): ExportLayout {
  if (format === 'csv') return include_bodies ? LAYOUTS.csvWithBodies : LAYOUTS.csv;
  return include_bodies ? LAYOUTS.jsonlWithBodies : LAYOUTS.jsonl;
}
