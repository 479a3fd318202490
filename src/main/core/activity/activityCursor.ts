/**
 * Opaque keyset cursor: the sort key and seq of the last row of a page. Newest-first cursors keep
 * their original form (`timestamp_ms:seq`); other orders carry their name, so a cursor from a list
 * in one order is refused by a list in another instead of silently skipping rows.
 */
import type { ActivitySort } from '../../../shared/activity';
import { ACTIVITY_SORTS } from '../../../shared/activity';
import { ActivityQueryError } from './activityQueryError';
import type { OrderKey } from './activityOrder';

const DEFAULT_SORT: ActivitySort = 'time_desc';
const NUMBER = String.raw`-?\d{1,16}(?:\.\d{1,20})?(?:e[+-]?\d{1,3})?`;
const CURSOR = new RegExp(`^(?:([a-z_]{1,20}):)?(${NUMBER}):(\\d{1,16})$`);

export function encodeCursor(key: OrderKey, sort: ActivitySort = DEFAULT_SORT): string {
  const prefix = sort === DEFAULT_SORT ? '' : `${sort}:`;
  return Buffer.from(`${prefix}${key.key}:${key.seq}`).toString('base64url');
}

export function decodeCursor(cursor: string, sort: ActivitySort = DEFAULT_SORT): OrderKey {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  const from = match?.[1] ?? DEFAULT_SORT;
  const key = Number(match?.[2]);
  if (!match || !(ACTIVITY_SORTS as readonly string[]).includes(from) || !Number.isFinite(key)) {
    throw new ActivityQueryError(
      'cursor',
      'not a cursor from a previous page; pass next_cursor back unchanged',
    );
  }
  if (from !== sort) {
    throw new ActivityQueryError(
      'cursor',
      `comes from a list sorted by ${from}, not ${sort}; start this order again without a cursor`,
    );
  }
  return { key, seq: Number(match[3]) };
}
