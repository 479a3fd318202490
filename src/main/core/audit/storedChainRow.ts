/**
 * The row the writer hashes: its insert parameters as SQLite will hand them back (SPEC 12, "the
 * values as stored and read back"). SQLite stores text as UTF-8, so a lone UTF-16 surrogate comes
 * back as U+FFFD; a NaN bound to a REAL column comes back as NULL. JSON columns were written by
 * JSON.stringify, which escapes lone surrogates, so they come back unchanged.
 */
import type { ActivityInsertParams } from '../activity/recordRow';
import type { ChainRow } from './chainRecord';

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text<T extends string | null>(value: T): T {
  if (value === null || !SURROGATE.test(value)) return value;
  return value.replace(LONE_SURROGATE, '\uFFFD') as T;
}

const real = (value: number | null): number | null =>
  value === null || Number.isNaN(value) ? null : value;

export function storedChainRow(params: ActivityInsertParams, seq: number): ChainRow {
  return {
    seq,
    id: text(params.id),
    type: text(params.type),
    timestamp_ms: params.timestamp_ms,
    server_name: text(params.server_name),
    tool_name: text(params.tool_name),
    status: text(params.status),
    error_kind: text(params.error_kind),
    duration_ms: real(params.duration_ms),
    session_id: text(params.session_id),
    client_name: text(params.client_name),
    client_version: text(params.client_version),
    token_id: text(params.token_id),
    token_name: text(params.token_name),
    request_bytes: params.request_bytes,
    response_bytes: params.response_bytes,
    response_truncated: params.response_truncated,
    policy_id: text(params.policy_id),
    error_message: text(params.error_message),
    reason: text(params.reason),
    metadata: text(params.metadata),
    arguments: text(params.arguments),
    response: text(params.response),
  };
}
