/**
 * Summary counts by index seeks, for filters that only name columns of activity_by_group
 * (type, status, server, tool, time). The (type, status, server, tool) combinations present in
 * the log are found by seeks on that index, then each one's rows per timeline bucket are range
 * counts on it. One set of counts yields the total, by_status, by_type, top servers, top tools and
 * the timeline.
 *
 * Why not one GROUP BY: grouping decodes and compares four text columns per row (~180 ns a row on
 * a month of a 1M-row log), where a range count only steps the index (~50 ns). A log holds few
 * combinations (servers x tools x statuses), so the seeks cost little; past MAX_GROUPS the caller
 * falls back to the grouped pass.
 */
import { isNameGlob, toolFilterTest } from '../../../shared/nameGlob';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityFilter,
  type ActivityStatus,
  type ActivityType,
} from '../../../shared/activity';
import type { StatementCache } from './statementCache';

/** More combinations than this and per-bucket seeks would cost more than one grouped pass. */
export const MAX_GROUPS = 500;

const GROUP_INDEX = 'activity INDEXED BY activity_by_group';

export interface GroupKey {
  type: ActivityType;
  status: ActivityStatus;
  server_name: string | null;
  tool_name: string | null;
}

export interface GroupCounts extends GroupKey {
  /** Rows in the window. */
  n: number;
  /** Rows per timeline bucket, indexed like the timeline. */
  perBucket: number[];
}

/** Half-open time ranges, one per timeline bucket (empty ranges have from >= to). */
export type BucketRanges = readonly { from: number; to: number }[];

/** True when every filter set is a column of activity_by_group (or time). */
export function filtersOnlyGroupColumns(filter: ActivityFilter): boolean {
  return filter.session_id === undefined && filter.token === undefined && filter.q === undefined;
}

/**
 * Distinct non-null then null values of `column` under an index prefix, in index order except
 * that null comes first; null when there are more than `limit`.
 */
function distinctValues(
  statement: StatementCache,
  column: 'server_name' | 'tool_name',
  prefix: string,
  prefixParams: (string | null)[],
  limit: number,
): (string | null)[] | null {
  const values: (string | null)[] = [];
  const hasNull = statement(
    `SELECT 1 FROM ${GROUP_INDEX} WHERE ${prefix} AND ${column} IS NULL LIMIT 1`,
  )
    .pluck()
    .get(...prefixParams);
  if (hasNull !== undefined) values.push(null);
  // min() over an index range is one seek.
  const next = statement(
    `SELECT min(${column}) FROM ${GROUP_INDEX} WHERE ${prefix} AND ${column} > ?`,
  ).pluck();
  let value = statement(
    `SELECT min(${column}) FROM ${GROUP_INDEX} WHERE ${prefix} AND ${column} IS NOT NULL`,
  )
    .pluck()
    .get(...prefixParams) as string | null;
  while (value !== null) {
    if (values.length >= limit) return null;
    values.push(value);
    value = next.get(...prefixParams, value) as string | null;
  }
  return values;
}

/** The combinations the filter allows that occur in the log (at any time), or null past MAX_GROUPS. */
export function listGroups(statement: StatementCache, filter: ActivityFilter): GroupKey[] | null {
  // In index order (text sorts by code unit), so groups come out as a GROUP BY would list them.
  const types = [...new Set(filter.type?.length ? filter.type : ACTIVITY_TYPES)].sort();
  const statuses = [...new Set(filter.status?.length ? filter.status : ACTIVITY_STATUSES)].sort();
  const groups: GroupKey[] = [];
  const toolTest = filter.tool !== undefined ? toolFilterTest(filter.tool) : () => true;
  for (const type of types) {
    for (const status of statuses) {
      const servers =
        filter.server !== undefined
          ? [filter.server]
          : distinctValues(
              statement,
              'server_name',
              'type = ? AND status = ?',
              [type, status],
              MAX_GROUPS,
            );
      if (servers === null) return null;
      for (const server_name of servers) {
        const tools =
          filter.tool !== undefined && !isNameGlob(filter.tool)
            ? [filter.tool]
            : distinctValues(
                statement,
                'tool_name',
                'type = ? AND status = ? AND server_name IS ?',
                [type, status, server_name],
                MAX_GROUPS,
              )?.filter(toolTest);
        if (tools === undefined) return null;
        for (const tool_name of tools) groups.push({ type, status, server_name, tool_name });
        if (groups.length > MAX_GROUPS) return null;
      }
    }
  }
  return groups;
}

/**
 * Each group's rows per bucket (buckets cover [from, to) exactly, so they sum to its rows there);
 * groups with no rows in [from, to) are left out after one seek.
 */
export function countGroups(
  statement: StatementCache,
  groups: readonly GroupKey[],
  from: number,
  to: number,
  buckets: BucketRanges,
): GroupCounts[] {
  const where = `WHERE type = ? AND status = ? AND server_name IS ? AND tool_name IS ?
     AND timestamp_ms >= ? AND timestamp_ms < ?`;
  const anyRow = statement(`SELECT 1 FROM ${GROUP_INDEX} ${where} LIMIT 1`).pluck();
  const countRange = statement(`SELECT count(*) FROM ${GROUP_INDEX} ${where}`).pluck();
  const counted: GroupCounts[] = [];
  for (const group of groups) {
    const key = [group.type, group.status, group.server_name, group.tool_name];
    if (from >= to || anyRow.get(...key, from, to) === undefined) continue;
    const perBucket = buckets.map((bucket) =>
      bucket.from < bucket.to ? (countRange.get(...key, bucket.from, bucket.to) as number) : 0,
    );
    counted.push({ ...group, n: perBucket.reduce((sum, n) => sum + n, 0), perBucket });
  }
  return counted;
}
