/**
 * The short "why" shown after the tool name in a list row: the error kind and message of a failed
 * call, the block reason of a blocked one, so errors read without opening the record.
 */
import type { ActivityListRow } from '../../../../shared/activity';

const MAX = 160;

export function rowNote(
  row: Pick<
    ActivityListRow,
    'status' | 'error_kind' | 'error_message' | 'reason' | 'tool_name' | 'type'
  >,
): string | null {
  let note: string | null = null;
  if (row.status === 'error') {
    const kind = row.error_kind ? row.error_kind.replace(/_/g, ' ') : null;
    // A record without a tool shows its reason in the tool column already.
    const repeats = row.tool_name === null && row.error_message === row.reason;
    const message = repeats ? null : (row.error_message?.split('\n', 1)[0] ?? null);
    note = kind && message ? `${kind}: ${message}` : (kind ?? message);
  } else if (row.status === 'blocked' && row.tool_name !== null) {
    note = row.reason;
  }
  if (note === null || note === '') return null;
  return note.length > MAX ? `${note.slice(0, MAX)}…` : note;
}
