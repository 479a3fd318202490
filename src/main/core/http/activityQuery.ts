/**
 * Query parameters of the activity endpoints (SPEC 7) -> validated filters. Pure (no Node
 * built-ins) so the CLI and the desktop shell can reuse it. A bad value throws QueryParamError
 * naming the parameter and what it accepts; unknown parameters are ignored.
 */
import {
  ACTIVITY_SORTS,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  SUMMARY_PERIODS,
  type ActivityFilter,
  type ActivityQuery,
  type ActivitySort,
  type ActivityStatus,
  type ActivityType,
  type SummaryPeriod,
} from '../../../shared/activity';
import type { ExportRequest } from '../../../shared/api';

export class QueryParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
    this.name = 'QueryParamError';
  }
}

export const LIST_LIMIT = { min: 1, max: 100, default: 50 } as const;
export const AUDIT_LIMIT = { default: 100, max: 500 } as const;
const MAX_TEXT_LENGTH = 1000;

/** Empty values count as absent, so a form that submits `server=` filters nothing. */
function single(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === '' ? undefined : value;
}

function text(params: URLSearchParams, name: string): string | undefined {
  const value = single(params, name);
  if (value !== undefined && value.length > MAX_TEXT_LENGTH) {
    throw new QueryParamError(
      name,
      `expected at most ${MAX_TEXT_LENGTH} characters, got ${value.length}`,
    );
  }
  return value;
}

/** `type=a,b` and `type=a&type=b` both work; values are OR-ed. */
export function oneOfList<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const values = params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (values.length === 0) return undefined;
  const result: T[] = [];
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new QueryParamError(
        name,
        `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
      );
    }
    if (!result.includes(value as T)) result.push(value as T);
  }
  return result;
}

function integer(
  params: URLSearchParams,
  name: string,
  range: { min: number; max?: number },
): number | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  const expected =
    range.max === undefined
      ? range.min === 0
        ? 'a non-negative integer'
        : `an integer of at least ${range.min}`
      : `an integer from ${range.min} to ${range.max}`;
  if (!/^\d{1,15}$/.test(value)) {
    throw new QueryParamError(name, `expected ${expected}, got ${JSON.stringify(value)}`);
  }
  const number = Number(value);
  if (number < range.min || (range.max !== undefined && number > range.max)) {
    throw new QueryParamError(name, `expected ${expected}, got ${JSON.stringify(value)}`);
  }
  return number;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time normalised to the store's form (UTC, milliseconds), or a QueryParamError. */
export function parseRfc3339(name: string, value: string): string {
  const match = RFC3339.exec(value);
  const time = match ? Date.parse(value.replace(' ', 'T')) : Number.NaN;
  const [, , month, day, hour, minute, second] = match ?? [];
  const fieldsInRange =
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= 31 &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 60;
  if (!match || !fieldsInRange || Number.isNaN(time)) {
    throw new QueryParamError(
      name,
      `expected an RFC 3339 time such as 2026-11-23T15:04:05Z, got ${JSON.stringify(value)}`,
    );
  }
  return new Date(time).toISOString();
}

function time(params: URLSearchParams, name: string): string | undefined {
  const value = single(params, name);
  return value === undefined ? undefined : parseRfc3339(name, value);
}

/** The filters shared by list, summary and export. */
export function parseActivityFilter(params: URLSearchParams): ActivityFilter {
  const filter: ActivityFilter = {};
  const type = oneOfList<ActivityType>(params, 'type', ACTIVITY_TYPES);
  const status = oneOfList<ActivityStatus>(params, 'status', ACTIVITY_STATUSES);
  if (type) filter.type = type;
  if (status) filter.status = status;
  for (const name of ['server', 'tool', 'session_id', 'token', 'q'] as const) {
    const value = text(params, name);
    if (value !== undefined) filter[name] = value;
  }
  const start = time(params, 'start_time');
  const end = time(params, 'end_time');
  if (start !== undefined) filter.start_time = start;
  if (end !== undefined) filter.end_time = end;
  if (start !== undefined && end !== undefined && start >= end) {
    throw new QueryParamError(
      'start_time',
      `must be earlier than end_time, got ${start} and ${end}`,
    );
  }
  return filter;
}

/** `GET /api/v1/activity`: filters plus `limit` (1-100, default 50), `offset` or `cursor`, and `sort`. */
export function parseActivityQuery(params: URLSearchParams): ActivityQuery {
  const query: ActivityQuery = { ...parseActivityFilter(params) };
  query.limit = integer(params, 'limit', LIST_LIMIT) ?? LIST_LIMIT.default;
  const offset = integer(params, 'offset', { min: 0 });
  const cursor = text(params, 'cursor');
  if (cursor !== undefined && offset !== undefined && offset > 0) {
    throw new QueryParamError('cursor', 'cannot be combined with offset; pass one of them');
  }
  if (cursor !== undefined) query.cursor = cursor;
  query.offset = offset ?? 0;
  const sort = oneOfList<ActivitySort>(params, 'sort', ACTIVITY_SORTS);
  if (sort !== undefined && sort.length > 1) {
    throw new QueryParamError('sort', `expected one order, got ${sort.join(', ')}`);
  }
  if (sort?.[0] !== undefined && sort[0] !== 'time_desc') query.sort = sort[0];
  return query;
}

/** `period` of the summary; 24h when absent. */
export function parseSummaryPeriod(params: URLSearchParams): SummaryPeriod {
  const value = single(params, 'period');
  if (value === undefined) return '24h';
  if (!(SUMMARY_PERIODS as readonly string[]).includes(value)) {
    throw new QueryParamError(
      'period',
      `expected one of ${SUMMARY_PERIODS.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as SummaryPeriod;
}

function boolean(params: URLSearchParams, name: string): boolean | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new QueryParamError(name, `expected true or false, got ${JSON.stringify(value)}`);
}

export type ExportParams = ExportRequest;

const EXPORT_FORMAT_NAMES = ['json', 'jsonl', 'csv'] as const;

/** `json` and `jsonl` both mean JSON Lines (SPEC 7); JSON Lines when absent. */
export function parseExportParams(params: URLSearchParams): ExportParams {
  const value = single(params, 'format') ?? 'jsonl';
  if (!(EXPORT_FORMAT_NAMES as readonly string[]).includes(value)) {
    throw new QueryParamError(
      'format',
      `expected one of ${EXPORT_FORMAT_NAMES.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return {
    format: value === 'csv' ? 'csv' : 'jsonl',
    include_bodies: boolean(params, 'include_bodies') ?? false,
    filter: parseActivityFilter(params),
  };
}

export type ClearScopeParam = { before: string } | { all: true };

/** `DELETE /api/v1/activity`: exactly one of `before=<RFC 3339>` or `all=true`. */
export function parseClearScope(params: URLSearchParams): ClearScopeParam {
  const before = time(params, 'before');
  const all = boolean(params, 'all') ?? false;
  if (before !== undefined && all) {
    throw new QueryParamError('all', 'cannot be combined with before; pass one of them');
  }
  if (before !== undefined) return { before };
  if (all) return { all: true };
  throw new QueryParamError(
    'before',
    'expected before=<RFC 3339 time> (clears records older than it) or all=true (clears everything)',
  );
}

/** PodWarden's audit `limit`: default 100, values over 500 are cut to 500 (as PodWarden does). */
export function parseAuditLimit(params: URLSearchParams): number {
  const limit = integer(params, 'limit', { min: 1 });
  return Math.min(limit ?? AUDIT_LIMIT.default, AUDIT_LIMIT.max);
}

/** `Last-Event-ID` (header) or `last_event_id` (query): a commit sequence. */
export function parseLastEventId(
  value: string | undefined,
  name = 'last_event_id',
): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\d{1,15}$/.test(value.trim())) {
    throw new QueryParamError(
      name,
      `expected a non-negative integer (an SSE id), got ${JSON.stringify(value)}`,
    );
  }
  return Number(value.trim());
}
