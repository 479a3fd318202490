/**
 * Activity filters <-> the URL query in the hash (`#/activity?status=blocked&q=read`), so a
 * reload, a bookmark or a link from the summary keeps the same slice of the log.
 */
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  type ActivityFilter,
  type ActivityStatus,
  type ActivityType,
} from '../../../shared/activity';

const TEXT_KEYS = ['server', 'tool', 'session_id', 'token', 'start_time', 'end_time', 'q'] as const;

function listParam<T extends string>(value: string | null, allowed: readonly T[]): T[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item): item is T => (allowed as readonly string[]).includes(item));
  return items.length > 0 ? items : undefined;
}

export function filterFromParams(params: URLSearchParams): ActivityFilter {
  const filter: ActivityFilter = {};
  const type = listParam<ActivityType>(params.get('type'), ACTIVITY_TYPES);
  if (type) filter.type = type;
  const status = listParam<ActivityStatus>(params.get('status'), ACTIVITY_STATUSES);
  if (status) filter.status = status;
  for (const key of TEXT_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') filter[key] = value;
  }
  return filter;
}

export function filterToParams(filter: ActivityFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.type && filter.type.length > 0) params.set('type', filter.type.join(','));
  if (filter.status && filter.status.length > 0) params.set('status', filter.status.join(','));
  for (const key of TEXT_KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  return params;
}

export function sameFilter(a: ActivityFilter, b: ActivityFilter): boolean {
  return filterToParams(a).toString() === filterToParams(b).toString();
}

export function isEmptyFilter(filter: ActivityFilter): boolean {
  return filterToParams(filter).toString() === '';
}
