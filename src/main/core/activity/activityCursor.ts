/**
 * Opaque keyset cursor for newest-first paging: the (timestamp_ms, seq) of the last row of a page.
 */
import { ActivityQueryError } from './activityQueryError';

export interface CursorKey {
  timestampMs: number;
  seq: number;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(`${key.timestampMs}:${key.seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  const match = /^(-?\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) {
    throw new ActivityQueryError(
      'cursor',
      'not a cursor from a previous page; pass next_cursor back unchanged',
    );
  }
  return { timestampMs: Number(match[1]), seq: Number(match[2]) };
}
