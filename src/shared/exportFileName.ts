/** The export's file name, the same from REST, the desktop and the browser download. */
import type { ActivityFilter, ExportFormat } from './activity';

/**
 * e.g. `switchboard-activity-2026-11-23.csv` (UTC date) for the whole log, and
 * `switchboard-activity-2026-11-23-filtered.csv` for a slice, so the two never pass for each other.
 */
export function exportFileName(
  format: ExportFormat,
  now: Date = new Date(),
  filter: ActivityFilter = {},
): string {
  const slice = Object.values(filter).some(isSet) ? '-filtered' : '';
  return `switchboard-activity-${now.toISOString().slice(0, 10)}${slice}.${format}`;
}

const isSet = (value: unknown): boolean =>
  value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
