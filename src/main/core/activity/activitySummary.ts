/**
 * GET /api/v1/activity/summary (SPEC 7). One grouped pass yields totals, by_status, by_type, top
 * servers and top tools (and, for short periods, the timeline); latency percentiles then walk
 * each top tool's durations in index order (nearest-rank, no sort).
 *
 * A grouped pass over the time range sorts every row in it; for a week or a month of a large log
 * that sort dominates. There, the groups stream from activity_by_group (already in group order)
 * and the timeline comes from per-bucket range counts on activity_by_status.
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
import { filterSql } from './activityFilterSql';
import type { QueryPlan } from './activityStore';
import type { StatementCache } from './statementCache';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SUMMARY_WINDOWS: Record<SummaryPeriod, { periodMs: number; bucketMs: number }> = {
  '1h': { periodMs: HOUR, bucketMs: MINUTE },
  '24h': { periodMs: 24 * HOUR, bucketMs: HOUR },
  '7d': { periodMs: 7 * 24 * HOUR, bucketMs: HOUR },
  '30d': { periodMs: 30 * 24 * HOUR, bucketMs: 6 * HOUR },
};

const TOP = 10;

interface GroupRow {
  bucket: number;
  type: ActivityType;
  status: ActivityStatus;
  server_name: string | null;
  tool_name: string | null;
  n: number;
  timed: number;
}

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
  plan: Pick<QueryPlan, 'tokenMatch' | 'fullText'>,
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

  const longPeriod = period === '7d' || period === '30d';
  const groupColumnsOnly =
    filter.session_id === undefined && filter.token === undefined && filter.q === undefined;
  let groups: GroupRow[];
  let timelineFromGroups = true;
  if (longPeriod && groupColumnsOnly) {
    groups = statement(
      `SELECT 0 AS bucket, type, status, server_name, tool_name, count(*) AS n,
         count(duration_ms) AS timed
       FROM activity INDEXED BY activity_by_group ${sql.where}
       GROUP BY type, status, server_name, tool_name`,
    ).all(...sql.params) as GroupRow[];
    timelineFromGroups = false;
    fillTimeline(statement, filter, sql, fromMs, toMs, firstBucket, bucketMs, timeline);
  } else {
    groups = statement(
      `SELECT CAST((timestamp_ms - ?) / ? AS INTEGER) AS bucket, type, status, server_name,
         tool_name, count(*) AS n, count(duration_ms) AS timed
       FROM activity ${sql.where}
       GROUP BY bucket, type, status, server_name, tool_name`,
    ).all(firstBucket, bucketMs, ...sql.params) as GroupRow[];
  }

  const byStatus = zeroCounts(ACTIVITY_STATUSES);
  const byType = zeroCounts(ACTIVITY_TYPES);
  const servers = new Map<string, number>();
  const tools = new Map<string, ToolSummary & { timed: number }>();
  let total = 0;

  for (const row of groups) {
    total += row.n;
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.n;
    byType[row.type] = (byType[row.type] ?? 0) + row.n;
    const bucket = timelineFromGroups ? timeline[row.bucket] : undefined;
    if (bucket) bucket[row.status] += row.n;
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
      tool.timed += row.timed;
      if (row.status === 'error') tool.error_count += row.n;
      if (row.status === 'blocked') tool.blocked_count += row.n;
    }
  }

  const byCount = <T extends { count: number }>(a: T, b: T): number => b.count - a.count;
  const topTools = [...tools.values()].sort(byCount).slice(0, TOP);
  for (const tool of topTools) fillPercentiles(statement, filter, fromMs, toMs, plan, tool);

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

/** Timeline of a long period: range counts per bucket and status, or one grouped pass. */
function fillTimeline(
  statement: StatementCache,
  filter: ActivityFilter,
  sql: { where: string; params: (string | number)[] },
  fromMs: number,
  toMs: number,
  firstBucket: number,
  bucketMs: number,
  timeline: TimelineBucket[],
): void {
  const statusOnly =
    !filter.type?.length && filter.server === undefined && filter.tool === undefined;
  if (!statusOnly) {
    const rows = statement(
      `SELECT CAST((timestamp_ms - ?) / ? AS INTEGER) AS bucket, status, count(*) AS n
       FROM activity ${sql.where} GROUP BY bucket, status`,
    ).all(firstBucket, bucketMs, ...sql.params) as {
      bucket: number;
      status: ActivityStatus;
      n: number;
    }[];
    for (const row of rows) {
      const bucket = timeline[row.bucket];
      if (bucket) bucket[row.status] += row.n;
    }
    return;
  }
  const start = Math.max(fromMs, filter.start_time ? Date.parse(filter.start_time) : -Infinity);
  const end = Math.min(toMs, filter.end_time ? Date.parse(filter.end_time) : Infinity);
  const countRange = statement(
    `SELECT count(*) FROM activity INDEXED BY activity_by_status
     WHERE status = ? AND timestamp_ms >= ? AND timestamp_ms < ?`,
  ).pluck();
  const statuses = filter.status?.length ? filter.status : ACTIVITY_STATUSES;
  timeline.forEach((bucket, i) => {
    const from = Math.max(start, firstBucket + i * bucketMs);
    const to = Math.min(end, firstBucket + (i + 1) * bucketMs);
    if (from >= to) return;
    for (const status of statuses) bucket[status] += countRange.get(status, from, to) as number;
  });
}

function fillPercentiles(
  statement: StatementCache,
  filter: ActivityFilter,
  fromMs: number,
  toMs: number,
  plan: Pick<QueryPlan, 'tokenMatch' | 'fullText'>,
  tool: ToolSummary & { timed: number },
): void {
  const n = tool.timed;
  if (n === 0 || tool.tool_name === null) return;
  const sql = filterSql({ ...filter, tool: tool.tool_name }, { fromMs, toMs, ...plan });
  const where = `${sql.where} AND server_name IS ? AND duration_ms IS NOT NULL`;
  const params = [...sql.params, tool.server_name];
  // Walk from whichever end is nearer the rank: p95/p99 from the slow end.
  const valueAt = (rank: number): number | null => {
    const fromTop = rank > n / 2;
    const offset = fromTop ? n - rank : rank - 1;
    const value = statement(
      `SELECT duration_ms FROM activity INDEXED BY activity_by_tool_duration ${where}
       ORDER BY duration_ms ${fromTop ? 'DESC' : 'ASC'} LIMIT 1 OFFSET ?`,
    )
      .pluck()
      .get(...params, offset) as number | undefined;
    return value ?? null;
  };
  tool.p50_ms = valueAt(nearestRank(50, n));
  tool.p95_ms = valueAt(nearestRank(95, n));
  tool.p99_ms = valueAt(nearestRank(99, n));
}
