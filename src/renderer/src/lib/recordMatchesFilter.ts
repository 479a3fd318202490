/**
 * Whether a live record belongs in the list under the current filter. The server decides for
 * pages it returns; this decides for records that arrive over the live subscription.
 */
import type { ActivityFilter, ActivityListRow, ActivityRecord } from '../../../shared/activity';
import { recordMatchesSearch } from '../../../shared/fullTextSearch';
import { toolFilterTest } from '../../../shared/nameGlob';

/** The server's full-text index is the authority; this applies its rule to live records. */
export const matchesSearch = recordMatchesSearch;

export function recordMatchesFilter(
  record: ActivityListRow | ActivityRecord,
  filter: ActivityFilter,
): boolean {
  if (filter.type && filter.type.length > 0 && !filter.type.includes(record.type)) return false;
  if (filter.status && filter.status.length > 0 && !filter.status.includes(record.status)) {
    return false;
  }
  if (filter.server && record.server_name !== filter.server) return false;
  if (filter.tool && !toolFilterTest(filter.tool)(record.tool_name)) return false;
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

/** The list shape of a full record (bodies dropped, as the activity list returns its rows). */
export function toListRow(record: ActivityRecord | ActivityListRow): ActivityListRow {
  if (!('arguments' in record) && !('response' in record)) return record;
  const { arguments: _arguments, response: _response, ...row } = record as ActivityRecord;
  return row;
}
