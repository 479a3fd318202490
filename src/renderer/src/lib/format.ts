/** Number, byte and duration labels, compact enough for a dense table. */

export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m ${seconds}s`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** `12.5%`; `–` when there is nothing to divide. */
export function formatRate(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const rate = (part / whole) * 100;
  return `${rate < 10 && rate > 0 ? rate.toFixed(1) : Math.round(rate)}%`;
}

/** `server__tool`, or whichever half is known. */
export function toolLabel(server: string | null, tool: string | null): string {
  if (server && tool) return `${server}__${tool}`;
  return tool ?? server ?? '–';
}

/** `1 record`, `2,000 records`. */
export function formatCountOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
