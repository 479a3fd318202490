/** The filters of a view as short "name: value" lines, for the export dialog to say what it exports. */
import type { ActivityFilter, ActivityType } from '../../../shared/activity';

export interface FilterLine {
  name: string;
  value: string;
}

export interface FilterWords {
  typeLabels: Record<ActivityType, string>;
  /** Token id -> the label the token filter shows. */
  tokenLabels: ReadonlyMap<string, string>;
  /** The time range as the filter bar says it. */
  timeRange: string;
}

export function filterSummary(filter: ActivityFilter, words: FilterWords): FilterLine[] {
  const lines: FilterLine[] = [];
  if (filter.q) lines.push({ name: 'Search', value: filter.q });
  if (filter.type?.length)
    lines.push({
      name: 'Type',
      value: filter.type.map((type) => words.typeLabels[type]).join(', '),
    });
  if (filter.server) lines.push({ name: 'Server', value: filter.server });
  if (filter.tool) lines.push({ name: 'Tool', value: filter.tool });
  if (filter.status?.length) lines.push({ name: 'Status', value: filter.status.join(', ') });
  if (filter.token)
    lines.push({ name: 'Token', value: words.tokenLabels.get(filter.token) ?? filter.token });
  if (filter.session_id) lines.push({ name: 'Session', value: filter.session_id });
  if (filter.start_time || filter.end_time) lines.push({ name: 'Time', value: words.timeRange });
  return lines;
}
