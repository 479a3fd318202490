/**
 * Whether a live record belongs in the list under the current filter. The server decides for
 * pages it returns; this decides for records that arrive over the live subscription.
 */
import type { ActivityFilter, ActivityListRow, ActivityRecord } from '../../../shared/activity';
import { fullTextTokens, isFullTextSearch } from '../../../shared/fullTextTokens';

function searchableText(record: ActivityListRow | ActivityRecord): string {
  const parts: (string | null)[] = [
    record.tool_name,
    record.server_name,
    record.error_message,
    record.reason,
  ];
  if ('arguments' in record && record.arguments) parts.push(JSON.stringify(record.arguments));
  if ('response' in record) parts.push(record.response);
  return parts
    .filter((part): part is string => part !== null)
    .join(' ')
    .toLowerCase();
}

/**
 * Every word must appear; the server's full-text index is the authority, this is its live twin.
 * Words are split as the index splits them, so text with no word (`🚀`) matches nothing there
 * and here.
 */
export function matchesSearch(record: ActivityListRow | ActivityRecord, q: string): boolean {
  if (!isFullTextSearch(q)) return true;
  const words = fullTextTokens(q.toLowerCase());
  if (words.length === 0) return false;
  const text = searchableText(record);
  return words.every((word) => text.includes(word));
}

export function recordMatchesFilter(
  record: ActivityListRow | ActivityRecord,
  filter: ActivityFilter,
): boolean {
  if (filter.type && filter.type.length > 0 && !filter.type.includes(record.type)) return false;
  if (filter.status && filter.status.length > 0 && !filter.status.includes(record.status)) {
    return false;
  }
  if (filter.server && record.server_name !== filter.server) return false;
  if (filter.tool && record.tool_name !== filter.tool) return false;
  if (filter.session_id && record.session_id !== filter.session_id) return false;
  if (filter.token && record.token_id !== filter.token && record.token_name !== filter.token) {
    return false;
  }
  const at = Date.parse(record.timestamp);
  if (filter.start_time && at < Date.parse(filter.start_time)) return false;
  if (filter.end_time && at >= Date.parse(filter.end_time)) return false;
  if (filter.q && !matchesSearch(record, filter.q)) return false;
  return true;
}

/** The list shape of a full record (bodies dropped, as `GET /api/v1/activity` returns rows). */
export function toListRow(record: ActivityRecord | ActivityListRow): ActivityListRow {
  if (!('arguments' in record) && !('response' in record)) return record;
  const { arguments: _arguments, response: _response, ...row } = record as ActivityRecord;
  return row;
}
