/** "just now", "42s ago", "5m ago", "3h ago", "2d ago"; a future time reads "in 5m". */
export function formatRelativeTime(iso: string | null, now: Date = new Date()): string {
  if (iso === null) return 'never';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const delta = now.getTime() - time;
  const abs = Math.abs(delta);
  if (abs < 5_000) return 'just now';
  const text =
    abs < 60_000
      ? `${Math.floor(abs / 1000)}s`
      : abs < 3_600_000
        ? `${Math.floor(abs / 60_000)}m`
        : abs < 86_400_000
          ? `${Math.floor(abs / 3_600_000)}h`
          : `${Math.floor(abs / 86_400_000)}d`;
  return delta >= 0 ? `${text} ago` : `in ${text}`;
}

/** `850 ms`, `1.2 s`, `2m 05s`; `-` when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** `3h 12m`, `45s`. */
export function formatUptime(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}
