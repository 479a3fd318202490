/** Shapes the summary API's data for the charts and turns a click on a chart into a filter. */
import type { ActivityFilter, ActivitySummary, TimelineBucket } from '../../../shared/activity';

export interface TimelinePoint extends TimelineBucket {
  label: string;
  end: string;
}

/** Bucket labels: `15:04` inside a day, `Nov 23 15:00` across days. */
export function timelinePoints(summary: ActivitySummary): TimelinePoint[] {
  const acrossDays = summary.period === '7d' || summary.period === '30d';
  return summary.timeline.map((bucket) => {
    const start = new Date(bucket.start);
    const iso = start.toISOString();
    const time = iso.slice(11, 16);
    const day = start.toLocaleDateString('en-US', {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    return {
      ...bucket,
      label: acrossDays ? `${day} ${time}` : time,
      end: new Date(start.getTime() + summary.bucket_ms).toISOString(),
    };
  });
}

export function timelineFilter(
  point: { start: string; end: string },
  base: ActivityFilter,
): ActivityFilter {
  return { ...base, start_time: point.start, end_time: point.end };
}

export function toolFilter(
  tool: { server_name: string | null; tool_name: string | null },
  base: ActivityFilter,
): ActivityFilter {
  const filter: ActivityFilter = { ...base };
  if (tool.server_name) filter.server = tool.server_name;
  if (tool.tool_name) filter.tool = tool.tool_name;
  return filter;
}

/** The window a period covers, as the list's time-range filter. */
export function periodFilter(summary: Pick<ActivitySummary, 'from' | 'to'>): ActivityFilter {
  return { start_time: summary.from, end_time: summary.to };
}
