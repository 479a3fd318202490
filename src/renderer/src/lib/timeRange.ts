/** The filter bar's time ranges ("last hour") as the `start_time` the API takes. */
import { shortTime, type TimeZoneChoice } from './relativeTime';

export const TIME_RANGES = [
  { id: '15m', label: 'Last 15 min', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 h', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;

export type TimeRangeId = (typeof TIME_RANGES)[number]['id'];

export function startTimeFor(range: TimeRangeId, now: number): string {
  const found = TIME_RANGES.find((item) => item.id === range);
  return new Date(now - (found?.ms ?? 0)).toISOString();
}

/** A label for a filter's time window: a preset's name when it matches one (within a minute). */
export function describeTimeRange(
  start: string | undefined,
  end: string | undefined,
  now: number,
  zone: TimeZoneChoice = 'utc',
): string {
  if (!start && !end) return 'Any time';
  if (start && !end) {
    const span = now - Date.parse(start);
    const preset = TIME_RANGES.find((item) => Math.abs(item.ms - span) < 60_000);
    if (preset) return preset.label;
  }
  const short = (value: string): string => shortTime(value, zone);
  const clock = zone === 'utc' ? 'UTC' : 'local';
  return `Custom (${clock}): ${start ? short(start) : '…'} → ${end ? short(end) : 'now'}`;
}
