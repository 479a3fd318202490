/**
 * GET /api/v1/activity/summary (SPEC 7): totals, by_status, by_type, top servers, top tools with
 * nearest-rank latency percentiles, and a timeline.
 *
 * Filters on activity_by_group's columns only (type, status, server, tool, time): counts per
 * (type, status, server, tool) and timeline bucket are index range counts (summaryGroupCounts.ts).
 * Other filters (session, token, full text): one grouped pass over the matching rows.
 *
 * Percentiles then take each top tool's k-th duration: walking activity_by_tool_duration in
 * duration order when the window's rows are a large share of the log, or sorting the window's
 * durations (read from activity_by_group) when they are a small one. With session, token or full
 * text, the top tools' durations are read once and sorted here.
 */
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityFilter,
  type ActivityStatus,
  type ActivitySummary,
  type ActivityType,
  type SummaryPeriod,
  type TimelineBucket,
  type ToolSummary,
} from '../../../shared/activity';
import { filterSql, type FilterSql } from './activityFilterSql';
import type { QueryPlan } from './queryPlan';
import type { StatementCache } from './statementCache';
import {
  countGroups,
  filtersOnlyGroupColumns,
  listGroups,
  type BucketRanges,
  type GroupKey,
} from './summaryGroupCounts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SUMMARY_WINDOWS: Record<SummaryPeriod, { periodMs: number; bucketMs: number }> = {
  '1h': { periodMs: HOUR, bucketMs: MINUTE },
  '24h': { periodMs: 24 * HOUR, bucketMs: HOUR },
  '7d': { periodMs: 7 * 24 * HOUR, bucketMs: HOUR },
  '30d': { periodMs: 30 * 24 * HOUR, bucketMs: 6 * HOUR },
};

const TOP = 10;
/** Windows holding less than this share of the log sort their durations for percentiles. */
const SORT_WINDOW_SHARE = 1 / 8;

/** Rows of one (type, status, server, tool) in the window. */
interface GroupTotal {
  type: ActivityType;
  status: ActivityStatus;
  server_name: string | null;
  tool_name: string | null;
  n: number;
  /** Rows with a duration, or null when not counted (then counted for top tools only). */
  timed: number | null;
}

type TopTool = ToolSummary & { timed: number | null };

/** Nearest-rank percentile position (1-based) among `n` sorted values. */
export function nearestRank(p: number, n: number): number {
  return Math.max(1, Math.ceil((p / 100) * n));
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function computeSummary(
  statement: StatementCache,
  period: SummaryPeriod,
  filter: ActivityFilter,
  now: Date,
  plan: Pick<QueryPlan, 'tokenMatch' | 'fullText' | 'toolNames'>,
): ActivitySummary {
  const { periodMs, bucketMs } = SUMMARY_WINDOWS[period];
  const toMs = now.getTime();
  const fromMs = toMs - periodMs;
  const firstBucket = Math.floor(fromMs / bucketMs) * bucketMs;
  const sql = filterSql(filter, { fromMs, toMs, ...plan });

  const bucketCount = Math.ceil((toMs - firstBucket) / bucketMs);
  const timeline: TimelineBucket[] = Array.from({ length: bucketCount }, (_, i) => ({
    start: new Date(firstBucket + i * bucketMs).toISOString(),
    success: 0,
    error: 0,
    blocked: 0,
  }));

  const groupColumnsOnly = filtersOnlyGroupColumns(filter);
  const keys = groupColumnsOnly ? listGroups(statement, filter) : null;
  const groups =
    keys !== null
      ? countBySeeks(statement, keys, filter, fromMs, toMs, firstBucket, bucketMs, timeline)
      : countByGroupedPass(statement, sql, firstBucket, bucketMs, timeline);

  const byStatus = zeroCounts(ACTIVITY_STATUSES);
  const byType = zeroCounts(ACTIVITY_TYPES);
  const servers = new Map<string, number>();
  const tools = new Map<string, TopTool>();
  let total = 0;

  for (const row of groups) {
    total += row.n;
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.n;
    byType[row.type] = (byType[row.type] ?? 0) + row.n;
    if (row.server_name !== null)
      servers.set(row.server_name, (servers.get(row.server_name) ?? 0) + row.n);
    if (row.tool_name !== null) {
      const key = JSON.stringify([row.server_name, row.tool_name]);
      let tool = tools.get(key);
      if (!tool) {
        tool = {
          server_name: row.server_name,
          tool_name: row.tool_name,
          count: 0,
          error_count: 0,
          blocked_count: 0,
          p50_ms: null,
          p95_ms: null,
          p99_ms: null,
          timed: 0,
        };
        tools.set(key, tool);
      }
      tool.count += row.n;
      tool.timed = row.timed === null ? null : (tool.timed ?? 0) + row.timed;
      if (row.status === 'error') tool.error_count += row.n;
      if (row.status === 'blocked') tool.blocked_count += row.n;
    }
  }

  const byCount = <T extends { count: number }>(a: T, b: T): number => b.count - a.count;
  const topTools = [...tools.values()].sort(byCount).slice(0, TOP);
  if (groupColumnsOnly) {
    const method = total < totalRecords(statement) * SORT_WINDOW_SHARE ? 'sort' : 'walk';
    for (const tool of topTools) {
      tool.timed ??= tool.count - untimedCount(statement, filter, fromMs, toMs, tool);
      fillPercentiles(statement, filter, fromMs, toMs, tool, method);
    }
  } else {
    fillPercentilesFromRows(statement, sql, topTools);
  }

  return {
    period,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    bucket_ms: bucketMs,
    total,
    by_status: byStatus,
    by_type: byType,
    top_servers: [...servers.entries()]
      .map(([server_name, count]) => ({ server_name, count }))
      .sort(byCount)
      .slice(0, TOP),
    top_tools: topTools.map(({ timed: _timed, ...tool }) => tool),
    timeline,
  };
}

/** Counts by index seeks; fills the timeline. */
function countBySeeks(
  statement: StatementCache,
  keys: GroupKey[],
  filter: ActivityFilter,
  fromMs: number,
  toMs: number,
  firstBucket: number,
  bucketMs: number,
  timeline: TimelineBucket[],
): GroupTotal[] {
  const start = Math.max(fromMs, filter.start_time ? Date.parse(filter.start_time) : -Infinity);
  const end = Math.min(toMs, filter.end_time ? Date.parse(filter.end_time) : Infinity);
  const buckets: BucketRanges = timeline.map((_, i) => ({
    from: Math.max(start, firstBucket + i * bucketMs),
    to: Math.min(end, firstBucket + (i + 1) * bucketMs),
  }));
  return countGroups(statement, keys, start, end, buckets).map(({ perBucket, ...group }) => {
    perBucket.forEach((n, i) => {
      const bucket = timeline[i];
      if (bucket) bucket[group.status] += n;
    });
    return { ...group, timed: null };
  });
}

/** Counts by one grouped pass over the matching rows; fills the timeline. */
function countByGroupedPass(
  statement: StatementCache,
  sql: FilterSql,
  firstBucket: number,
  bucketMs: number,
  timeline: TimelineBucket[],
): GroupTotal[] {
  const rows = statement(
    `SELECT CAST((timestamp_ms - ?) / ? AS INTEGER) AS bucket, type, status, server_name,
       tool_name, count(*) AS n, count(duration_ms) AS timed
     FROM activity ${sql.where}
     GROUP BY bucket, type, status, server_name, tool_name`,
  ).all(firstBucket, bucketMs, ...sql.params) as (GroupTotal & { bucket: number })[];
  return rows.map(({ bucket, ...group }) => {
    const slot = timeline[bucket];
    if (slot) slot[group.status] += group.n;
    return group;
  });
}

function totalRecords(statement: StatementCache): number {
  return statement('SELECT records FROM activity_totals WHERE id = 1').pluck().get() as number;
}

/** A tool's rows without a duration in the window: a seek to the nulls of the duration index. */
function untimedCount(
  statement: StatementCache,
  filter: ActivityFilter,
  fromMs: number,
  toMs: number,
  tool: ToolSummary,
): number {
  if (tool.tool_name === null) return 0;
  const sql = filterSql({ ...filter, tool: tool.tool_name }, { fromMs, toMs });
  return statement(
    `SELECT count(*) FROM activity INDEXED BY activity_by_tool_duration ${sql.where}
     AND server_name IS ? AND duration_ms IS NULL`,
  )
    .pluck()
    .get(...sql.params, tool.server_name) as number;
}

/**
 * Percentiles when a filter needs the rows themselves (session, token, full text): an index walk
 * per percentile would read a row for every entry it steps over, so the top tools' durations are
 * read once, through whichever index the filter picks, and sorted here.
 */
function fillPercentilesFromRows(
  statement: StatementCache,
  sql: FilterSql,
  topTools: TopTool[],
): void {
  const names = [...new Set(topTools.flatMap((t) => (t.tool_name === null ? [] : [t.tool_name])))];
  if (names.length === 0) return;
  // The unary + keeps the planner on the filter's own index instead of activity_by_tool, which
  // would read every row of the top tools to test the filter.
  const rows = statement(
    `SELECT server_name, tool_name, duration_ms FROM activity ${sql.where}
     AND duration_ms IS NOT NULL AND +tool_name IN (${names.map(() => '?').join(', ')})`,
  )
    .raw()
    .all(...sql.params, ...names) as [string | null, string, number][];
  const durations = new Map<string, number[]>();
  for (const [server, tool, ms] of rows) {
    const key = JSON.stringify([server, tool]);
    const list = durations.get(key);
    if (list) list.push(ms);
    else durations.set(key, [ms]);
  }
  for (const tool of topTools) {
    const sorted = Float64Array.from(
      durations.get(JSON.stringify([tool.server_name, tool.tool_name])) ?? [],
    ).sort();
    const at = (p: number): number | null =>
      sorted.length === 0 ? null : (sorted[nearestRank(p, sorted.length) - 1] ?? null);
    tool.p50_ms = at(50);
    tool.p95_ms = at(95);
    tool.p99_ms = at(99);
  }
}

/**
 * Nearest-rank p50/p95/p99 of a top tool's durations in the window, each read as the k-th value
 * from whichever end is nearer (p95/p99 from the slow end). `walk` follows
 * activity_by_tool_duration in duration order (it holds type, status and time, so every filter
 * here is tested in the index): no sort, but it steps over the tool's rows outside the window
 * or filtered out. `sort` reads just the window's rows from
 * activity_by_group (entered by seeks: every type and status spelled out) and sorts them.
 */
function fillPercentiles(
  statement: StatementCache,
  filter: ActivityFilter,
  fromMs: number,
  toMs: number,
  tool: TopTool,
  method: 'walk' | 'sort',
): void {
  const n = tool.timed ?? 0;
  if (n === 0 || tool.tool_name === null) return;
  const scope =
    method === 'sort'
      ? {
          ...filter,
          type: filter.type?.length ? filter.type : [...ACTIVITY_TYPES],
          status: filter.status?.length ? filter.status : [...ACTIVITY_STATUSES],
        }
      : filter;
  const sql = filterSql({ ...scope, tool: tool.tool_name }, { fromMs, toMs });
  const index = method === 'sort' ? 'activity_by_group' : 'activity_by_tool_duration';
  const where = `${sql.where} AND server_name IS ? AND duration_ms IS NOT NULL`;
  const params = [...sql.params, tool.server_name];
  const valueAt = (p: number): number | null => {
    const rank = nearestRank(p, n);
    const fromTop = rank > n / 2;
    const value = statement(
      `SELECT duration_ms FROM activity INDEXED BY ${index} ${where}
       ORDER BY duration_ms ${fromTop ? 'DESC' : 'ASC'} LIMIT 1 OFFSET ?`,
    )
      .pluck()
      .get(...params, fromTop ? n - rank : rank - 1) as number | undefined;
    return value ?? null;
  };
  tool.p50_ms = valueAt(50);
  tool.p95_ms = valueAt(95);
  tool.p99_ms = valueAt(99);
}
