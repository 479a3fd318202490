/**
 * The list's orders (ActivitySort) as SQL: the sort key, ORDER BY, and the keyset condition that
 * starts a page after the last row of the previous one. Every order ends in seq (unique), so a
 * cursor names one position even among equal times or durations.
 */
import type { ActivitySort } from '../../../shared/activity';

/** A position in one order: the last row's sort key and its seq. */
export interface OrderKey {
  key: number;
  seq: number;
}

interface Order {
  /** A column or expression of the activity row. */
  key: string;
  descending: boolean;
}

/** A record without a duration (a server change) sorts as -1: after every call slowest-first. */
const ORDERS: Record<ActivitySort, Order> = {
  time_desc: { key: 'timestamp_ms', descending: true },
  time_asc: { key: 'timestamp_ms', descending: false },
  duration_desc: { key: 'coalesce(duration_ms, -1)', descending: true },
  duration_asc: { key: 'coalesce(duration_ms, -1)', descending: false },
};

export function orderBy(sort: ActivitySort): string {
  const { key, descending } = ORDERS[sort];
  const direction = descending ? 'DESC' : 'ASC';
  return `ORDER BY ${key} ${direction}, seq ${direction}`;
}

/** Rows strictly after `after` in this order (the first comparison lets an index range start). */
export function afterCondition(
  sort: ActivitySort,
  after: OrderKey,
): { sql: string; params: number[] } {
  const { key, descending } = ORDERS[sort];
  const [edge, past] = descending ? ['<=', '<'] : ['>=', '>'];
  return {
    sql: `${key} ${edge} ? AND (${key} ${past} ? OR seq ${past} ?)`,
    params: [after.key, after.key, after.seq],
  };
}

/** The sort key of a row as the SQL above computes it. */
export function rowKey(
  sort: ActivitySort,
  row: { timestamp_ms: number; duration_ms: number | null; seq: number },
): OrderKey {
  const key = ORDERS[sort].key === 'timestamp_ms' ? row.timestamp_ms : (row.duration_ms ?? -1);
  return { key, seq: row.seq };
}
