/**
 * ActivityFilter -> a WHERE clause with bound parameters. Column names come from this file
 * only; every value is a parameter, never concatenated into SQL.
 */
import type { ActivityFilter } from '../../../shared/activity';
import { ActivityQueryError } from './activityQueryError';
import { isFullTextSearch } from '../../../shared/fullTextSearch';
import { isNameGlob } from '../../../shared/nameGlob';
import { toFullTextQuery } from './fullTextQuery';

export type SqlValue = string | number;

export interface FilterSql {
  /** `WHERE ...` or the empty string. */
  where: string;
  params: SqlValue[];
  /** True when no condition applies (the maintained total can answer count). */
  empty: boolean;
}

/** Which column a `token` filter value names: the store looks this up, see activityStore. */
export type TokenMatch = 'id' | 'name' | 'either';

/**
 * How the full-text condition joins the query. `driver`: look up each match by seq, then sort
 * (best for few matches). `filter`: walk an index in time order and test membership (best for
 * many matches: a page stops after `limit` hits). The store picks from the match count.
 */
export type FullTextRole = 'driver' | 'filter';

function parseTime(parameter: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new ActivityQueryError(
      parameter,
      `expected an RFC 3339 date-time, got ${JSON.stringify(value)}`,
    );
  return ms;
}

function oneOrMany(
  column: string,
  values: readonly string[],
  conditions: string[],
  params: SqlValue[],
): void {
  if (values.length === 1) conditions.push(`${column} = ?`);
  else conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

export function filterSql(
  filter: ActivityFilter,
  extra: {
    fromMs?: number;
    toMs?: number;
    tokenMatch?: TokenMatch;
    fullText?: FullTextRole;
    /** The names a `tool` glob matches, resolved by the query planner. */
    toolNames?: readonly string[];
  } = {},
): FilterSql {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  if (filter.type && filter.type.length > 0) oneOrMany('type', filter.type, conditions, params);
  if (filter.status && filter.status.length > 0)
    oneOrMany('status', filter.status, conditions, params);
  if (filter.server !== undefined) {
    conditions.push('server_name = ?');
    params.push(filter.server);
  }
  if (filter.tool !== undefined && isNameGlob(filter.tool)) {
    if (extra.toolNames === undefined)
      throw new Error(`The tool glob ${JSON.stringify(filter.tool)} needs a query plan.`);
    // A glob no logged tool matches matches no record.
    if (extra.toolNames.length === 0) conditions.push('0');
    else oneOrMany('tool_name', extra.toolNames, conditions, params);
  } else if (filter.tool !== undefined) {
    conditions.push('tool_name = ?');
    params.push(filter.tool);
  }
  if (filter.session_id !== undefined) {
    conditions.push('session_id = ?');
    params.push(filter.session_id);
  }
  if (filter.token !== undefined) {
    const match = extra.tokenMatch ?? 'either';
    if (match === 'id') conditions.push('token_id = ?');
    else if (match === 'name') conditions.push('token_name = ?');
    else {
      conditions.push('(token_id = ? OR token_name = ?)');
      params.push(filter.token);
    }
    params.push(filter.token);
  }
  let fromMs =
    filter.start_time !== undefined ? parseTime('start_time', filter.start_time) : undefined;
  let toMs = filter.end_time !== undefined ? parseTime('end_time', filter.end_time) : undefined;
  if (extra.fromMs !== undefined) fromMs = Math.max(fromMs ?? -Infinity, extra.fromMs);
  if (extra.toMs !== undefined) toMs = Math.min(toMs ?? Infinity, extra.toMs);
  if (fromMs !== undefined) {
    conditions.push('timestamp_ms >= ?');
    params.push(fromMs);
  }
  if (toMs !== undefined) {
    conditions.push('timestamp_ms < ?');
    params.push(toMs);
  }
  if (filter.q !== undefined) {
    const match = toFullTextQuery(filter.q);
    // Text with no searchable token (an emoji, punctuation) matches nothing, not everything.
    if (match === null && isFullTextSearch(filter.q)) conditions.push('0');
    if (match !== null) {
      // The unary + keeps SQLite from driving the query by seq (rowid) lookups.
      const seq = extra.fullText === 'filter' ? '+seq' : 'seq';
      conditions.push(`${seq} IN (SELECT rowid FROM activity_fts WHERE activity_fts MATCH ?)`);
      params.push(match);
    }
  }
  return {
    where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
    params,
    empty: conditions.length === 0,
  };
}
