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

/** `2026-11-23 15:04:05.123 UTC`: unambiguous, sortable, with milliseconds. */
export function absoluteTime(timestamp: string): string {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return timestamp;
  return new Date(at).toISOString().replace('T', ' ').replace('Z', ' UTC');
}
