/**
 * Reads of the activity log (contracts.ts ActivityStore): list with filters and keyset paging,
 * detail, summary, counts, export iteration, SSE replay, clear and the PodWarden audit view.
 * Newest first means ORDER BY timestamp_ms DESC, seq DESC; every filter index ends in
 * timestamp_ms and carries seq (the rowid), so a page is an index range walk. The other orders
 * (activityOrder.ts) sort the matching rows.
 */
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityFilter,
  type ActivityListRow,
  type ActivityPage,
  type ActivityQuery,
  type ActivityRecord,
  type ActivitySort,
  type ActivitySummary,
  type ChainLink,
  type SummaryPeriod,
} from '../../../shared/activity';
import type { AuditEntry } from '../../../shared/servers';
import type { SwitchboardDatabase } from '../db';
import { createActivityDeleter, DELETE_CHUNK_ROWS } from './activityDeletes';
import { decodeCursor, encodeCursor } from './activityCursor';
import { afterCondition, orderBy, rowKey, type OrderKey } from './activityOrder';
import { filterSql } from './activityFilterSql';
import { ActivityQueryError } from './activityQueryError';
import { computeSummary } from './activitySummary';
import type { ActivityStore, ClearScope, StoredRecord } from './contracts';
import { LIST_COLUMNS, RECORD_COLUMNS, toListRow, toRecord, type ActivityRow } from './recordRow';
import { createQueryPlanner, type QueryPlan } from './queryPlan';
import { createStatementCache } from './statementCache';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 500;

interface AuditRow {
  id: string;
  token_name: string | null;
  server_name: string | null;
  tool_name: string | null;
  status: string;
  timestamp_ms: number;
}

/** One page's query in `sort` order, newest first by default (LIMIT and OFFSET are the last two parameters). */
export function pageSql(
  filter: ActivityFilter,
  columns: string,
  after: OrderKey | null,
  plan: Pick<QueryPlan, 'tokenMatch' | 'fullText' | 'toolNames'>,
  sort: ActivitySort = 'time_desc',
): { sql: string; params: (string | number)[] } {
  const sql = filterSql(filter, plan);
  const params = [...sql.params];
  let where = sql.where;
  if (after !== null) {
    const condition = afterCondition(sort, after);
    where += `${where ? ' AND' : 'WHERE'} ${condition.sql}`;
    params.push(...condition.params);
  }
  return {
    sql: `SELECT ${columns} FROM activity ${where} ${orderBy(sort)} LIMIT ? OFFSET ?`,
    params,
  };
}

export interface ActivityStoreOptions {
  /** Reported by stats(); defaults to the database's path. */
  path?: string;
  /** Full-text match count above which pages walk the time index (tests lower it). */
  fullTextDriverMax?: number;
}

export function createActivityStore(
  db: SwitchboardDatabase,
  options: ActivityStoreOptions = {},
): ActivityStore {
  const { sqlite } = db;
  const planFor = createQueryPlanner(sqlite, options.fullTextDriverMax);
  const statement = createStatementCache(sqlite);
  const deleter = createActivityDeleter(db);
  const getById = sqlite.prepare<[string], ActivityRow>(
    `SELECT ${RECORD_COLUMNS} FROM activity WHERE id = ?`,
  );
  const since = sqlite.prepare<[number, number], ActivityRow>(
    `SELECT ${RECORD_COLUMNS} FROM activity WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const latestSeq = sqlite
    .prepare<[], number>(
      "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'activity'), 0)",
    )
    .pluck();
  const totalRecords = sqlite
    .prepare<[], number>('SELECT records FROM activity_totals WHERE id = 1')
    .pluck();
  const auditAll = sqlite.prepare<[number], AuditRow>(
    `SELECT id, token_name, server_name, tool_name, status, timestamp_ms FROM activity
     WHERE type IN ('tool_call', 'policy_decision') ORDER BY timestamp_ms DESC, seq DESC LIMIT ?`,
  );
  const auditToken = sqlite.prepare<[string, number], AuditRow>(
    `SELECT id, token_name, server_name, tool_name, status, timestamp_ms FROM activity
     WHERE token_id = ? AND type IN ('tool_call', 'policy_decision') ORDER BY timestamp_ms DESC, seq DESC LIMIT ?`,
  );

  function count(filter: ActivityFilter, plan = planFor(filter)): number {
    const sql = filterSql(filter, plan);
    if (sql.empty) return totalRecords.get() ?? 0;
    // Each activity row has exactly one full-text row: q alone is answered by the FTS index.
    if (plan.fullTextMatches !== null && filterSql({ ...filter, q: undefined }, plan).empty)
      return plan.fullTextMatches;
    const grouped = groupIndexCount(filter, plan);
    if (grouped !== null) return grouped;
    const byServer = serverTextCount(filter, plan);
    if (byServer !== null) return byServer;
    return statement(`SELECT count(*) FROM activity ${sql.where}`)
      .pluck()
      .get(...sql.params) as number;
  }

  /**
   * A server combined with status, type or tool: one filter index alone would read every row of
   * its value to test the others (a million-row count took ~100 ms). activity_by_group leads with
   * (type, status, server_name): spelling out every type and status turns the count into a few
   * index seeks over exactly the matching entries, never reading a row.
   */
  function groupIndexCount(filter: ActivityFilter, plan: QueryPlan): number | null {
    const onlyGroupColumns =
      filter.session_id === undefined && filter.token === undefined && filter.q === undefined;
    const combined = Boolean(
      filter.status?.length || filter.type?.length || filter.tool !== undefined,
    );
    if (!onlyGroupColumns || filter.server === undefined || !combined) return null;
    const sql = filterSql(
      {
        ...filter,
        type: filter.type?.length ? filter.type : [...ACTIVITY_TYPES],
        status: filter.status?.length ? filter.status : [...ACTIVITY_STATUSES],
      },
      plan,
    );
    return statement(`SELECT count(*) FROM activity INDEXED BY activity_by_group ${sql.where}`)
      .pluck()
      .get(...sql.params) as number;
  }

  /**
   * Full text limited to one server (and nothing else): one (server_name, seq) seek per match on
   * activity_by_server_seq, instead of testing every row of the server against the matches.
   */
  function serverTextCount(filter: ActivityFilter, plan: QueryPlan): number | null {
    if (plan.fullTextMatches === null || filter.server === undefined) return null;
    if (!filterSql({ ...filter, q: undefined, server: undefined }, plan).empty) return null;
    const sql = filterSql(filter, { ...plan, fullText: 'driver' });
    return statement(`SELECT count(*) FROM activity INDEXED BY activity_by_server_seq ${sql.where}`)
      .pluck()
      .get(...sql.params) as number;
  }

  /** One page of rows after `after` (exclusive), newest first unless `sort` says otherwise. */
  function page(
    filter: ActivityFilter,
    columns: string,
    limit: number,
    offset: number,
    after: OrderKey | null,
    plan: QueryPlan,
    sort: ActivitySort = 'time_desc',
  ): ActivityRow[] {
    const sql = pageSql(filter, columns, after, plan, sort);
    return statement(sql.sql).all(...sql.params, limit, offset) as ActivityRow[];
  }

  /**
   * A summary runs many statements and a list two (page and total); a recorder on another
   * connection may commit between them. One read transaction gives them all the same snapshot
   * (WAL), so totals, timeline and rows agree with each other and with the log at that moment.
   */
  function inOneSnapshot<T>(read: () => T): T {
    return sqlite.transaction(read)();
  }

  function list(query: ActivityQuery): ActivityPage {
    return inOneSnapshot(() => listInSnapshot(query));
  }

  function listInSnapshot(query: ActivityQuery): ActivityPage {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
      throw new ActivityQueryError(
        'limit',
        `expected an integer from 1 to ${MAX_PAGE_LIMIT}, got ${limit}`,
      );
    }
    const offset = query.cursor !== undefined ? 0 : (query.offset ?? 0);
    if (!Number.isInteger(offset) || offset < 0) {
      throw new ActivityQueryError('offset', `expected a non-negative integer, got ${offset}`);
    }
    const sort = query.sort ?? 'time_desc';
    const after = query.cursor !== undefined ? decodeCursor(query.cursor, sort) : null;
    const plan = planFor(query);
    const rows = page(query, LIST_COLUMNS, limit + 1, offset, after, plan, sort);
    const more = rows.length > limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    return {
      activities: rows.map(toListRow),
      total: count(query, plan),
      limit,
      offset,
      next_cursor: more && last ? encodeCursor(rowKey(sort, last), sort) : null,
    };
  }

  function* pages(
    filter: ActivityFilter,
    columns: string,
    pageSize: number,
  ): Generator<ActivityRow[]> {
    const plan = planFor(filter);
    let after: OrderKey | null = null;
    for (;;) {
      const rows = page(filter, columns, pageSize, 0, after, plan);
      yield rows;
      const last = rows[rows.length - 1];
      if (rows.length < pageSize || !last) return;
      after = { key: last.timestamp_ms, seq: last.seq };
    }
  }

  function* iterate(filter: ActivityFilter, pageSize = 500): Generator<ActivityRecord> {
    for (const rows of pages(filter, RECORD_COLUMNS, pageSize))
      for (const row of rows) yield toRecord(row);
  }

  function* iterateExport(
    filter: ActivityFilter,
    includeBodies: boolean,
    pageSize = 500,
  ): Generator<(ActivityRecord | ActivityListRow) & ChainLink> {
    const columns = `${includeBodies ? RECORD_COLUMNS : LIST_COLUMNS}, prev_hash, hash`;
    for (const rows of pages(filter, columns, pageSize))
      for (const row of rows)
        yield {
          ...(includeBodies ? toRecord(row) : toListRow(row)),
          seq: row.seq,
          hash: row.hash ?? null,
          prev_hash: row.prev_hash ?? null,
        };
  }

  function* iterateRows(filter: ActivityFilter, pageSize = 500): Generator<ActivityListRow> {
    for (const rows of pages(filter, LIST_COLUMNS, pageSize))
      for (const row of rows) yield toListRow(row);
  }

  /** SPEC 12: the first seq a clear keeps; everything below it goes. */
  function clearBoundary(scope: ClearScope): number {
    if ('all' in scope) return deleter.firstKeptForCount(0);
    const beforeMs = Date.parse(scope.before);
    if (Number.isNaN(beforeMs)) {
      throw new ActivityQueryError(
        'before',
        `expected an RFC 3339 date-time, got ${JSON.stringify(scope.before)}`,
      );
    }
    return deleter.firstKeptBefore(beforeMs);
  }

  function deleteBelow(firstKept: number): number {
    let removed = 0;
    for (;;) {
      const seqs = deleter.seqsBelow(firstKept, DELETE_CHUNK_ROWS);
      if (seqs.length === 0) break;
      removed += deleter.deleteSeqs(seqs);
    }
    if (removed > 0) deleter.compact();
    return removed;
  }

  function audit(options: { tokenId?: string; limit: number }): AuditEntry[] {
    const limit = Math.min(Math.max(1, Math.trunc(options.limit) || 1), MAX_AUDIT_LIMIT);
    const rows =
      options.tokenId !== undefined ? auditToken.all(options.tokenId, limit) : auditAll.all(limit);
    return rows.map((row) => ({
      id: row.id,
      token_name: row.token_name,
      method: 'TOOL',
      path: `/mcp/tool/${row.server_name ?? ''}__${row.tool_name ?? ''}`,
      status_code: row.status === 'success' ? 200 : row.status === 'blocked' ? 403 : 500,
      created_at: new Date(row.timestamp_ms).toISOString(),
    }));
  }

  return {
    list,
    get: (id) => {
      const row = getById.get(id);
      return row ? toRecord(row) : null;
    },
    summary: (period: SummaryPeriod, filter: ActivityFilter, now = new Date()): ActivitySummary =>
      inOneSnapshot(() => computeSummary(statement, period, filter, now, planFor(filter))),
    count: (filter) => count(filter),
    iterate,
    iterateRows,
    iterateExport,
    committedSince: (seq, limit): StoredRecord[] =>
      since.all(seq, limit).map((row) => ({ seq: row.seq, record: toRecord(row) })),
    latestSeq: () => latestSeq.get() ?? 0,
    clearBoundary,
    countBelow: (firstKept) => deleter.countBelow(firstKept),
    deleteBelow,
    clear: (scope) => deleteBelow(clearBoundary(scope)),
    audit,
    stats: () => ({
      records: totalRecords.get() ?? 0,
      size_bytes: db.sizeBytes(),
      path: options.path ?? db.path,
    }),
  };
}
