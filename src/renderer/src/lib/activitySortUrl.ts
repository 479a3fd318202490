/** The Activity list's order in the URL (`#/activity?sort=duration_desc`), and header clicks. */
import { ACTIVITY_SORTS, type ActivitySort } from '../../../shared/activity';

export const DEFAULT_SORT: ActivitySort = 'time_desc';

export function sortFromParams(params: URLSearchParams): ActivitySort {
  const value = params.get('sort');
  return (ACTIVITY_SORTS as readonly string[]).includes(value ?? '')
    ? (value as ActivitySort)
    : DEFAULT_SORT;
}

/** Adds `sort` unless it is the default, so plain links stay as they were. */
export function withSort(params: URLSearchParams, sort: ActivitySort): URLSearchParams {
  if (sort !== DEFAULT_SORT) params.set('sort', sort);
  return params;
}

export type SortColumn = 'time' | 'duration';

/** A click on a column: its descending order first (newest, slowest), then the other way. */
export function nextSort(current: ActivitySort, column: SortColumn): ActivitySort {
  const descending: ActivitySort = column === 'time' ? 'time_desc' : 'duration_desc';
  const ascending: ActivitySort = column === 'time' ? 'time_asc' : 'duration_asc';
  return current === descending ? ascending : descending;
}

/** aria-sort of a column header. */
export function ariaSort(
  current: ActivitySort,
  column: SortColumn,
): 'ascending' | 'descending' | 'none' {
  if (!current.startsWith(column)) return 'none';
  return current.endsWith('_asc') ? 'ascending' : 'descending';
}

export const SORT_LABELS: Record<ActivitySort, string> = {
  time_desc: 'newest first',
  time_asc: 'oldest first',
  duration_desc: 'slowest first',
  duration_asc: 'fastest first',
};
