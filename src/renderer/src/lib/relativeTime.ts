/** Relative and absolute time labels for the activity list ("12s ago", hover: the exact time). */

const UNITS: readonly { limitS: number; unitS: number; suffix: string }[] = [
  { limitS: 60, unitS: 1, suffix: 's' },
  { limitS: 3600, unitS: 60, suffix: 'm' },
  { limitS: 86_400, unitS: 3600, suffix: 'h' },
  { limitS: 86_400 * 30, unitS: 86_400, suffix: 'd' },
];

/** "now", "12s ago", "5m ago", "3h ago", "4d ago"; older than 30 days: the date. */
export function relativeTime(timestamp: string, now: number): string {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return timestamp;
  const deltaS = Math.round((now - at) / 1000);
  // A timestamp slightly in the future (clock skew between processes) still reads as "now".
  if (deltaS < 2) return 'now';
  for (const { limitS, unitS, suffix } of UNITS) {
    if (deltaS < limitS) return `${Math.floor(deltaS / unitS)}${suffix} ago`;
  }
  return timestamp.slice(0, 10);
}

export type TimeZoneChoice = 'local' | 'utc';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `UTC+01:00`, `UTC-05:30`, `UTC` for the local offset at `date`. */
export function localOffsetLabel(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2026-11-23 15:04` in the chosen zone (no seconds, no zone label). */
export function shortTime(timestamp: string, zone: TimeZoneChoice): string {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return timestamp;
  return absoluteTime(timestamp, zone).slice(0, 16);
}

/**
 * `2026-11-23 16:04:05.123 (UTC+01:00)` in local time, or `2026-11-23 15:04:05.123 UTC`:
 * unambiguous, sortable, with milliseconds, and always saying which clock it is.
 */
export function absoluteTime(timestamp: string, zone: TimeZoneChoice = 'utc'): string {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return timestamp;
  const date = new Date(at);
  if (zone === 'utc') return date.toISOString().replace('T', ' ').replace('Z', ' UTC');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
  return `${day} ${time} (${localOffsetLabel(date)})`;
}
