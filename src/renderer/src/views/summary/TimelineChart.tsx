/** Calls per bucket, stacked by status; a click on a bar lists that bucket's calls. */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActivitySummary } from '../../../../shared/activity';
import { useThemeColors } from '../../hooks/useThemeColors';
import { timelineFilter, timelinePoints, type TimelinePoint } from '../../lib/summaryChart';
import { openActivity } from './openActivity';

const STATUSES = ['success', 'blocked', 'error'] as const;

export function TimelineChart({ summary }: { summary: ActivitySummary }) {
  const colors = useThemeColors();
  const points = timelinePoints(summary);
  const fill = { success: colors.ok, blocked: colors.warn, error: colors.err };
  const open = (point: TimelinePoint | undefined, status: (typeof STATUSES)[number]): void => {
    if (point) openActivity(timelineFilter(point, { status: [status] }));
  };
  return (
    <div className="chart" data-testid="timeline-chart">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke={colors.grid} />
          <XAxis
            dataKey="label"
            tick={{ fill: colors.muted, fontSize: 11 }}
            tickLine={false}
            axisLine={{ stroke: colors.grid }}
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fill: colors.muted, fontSize: 11 }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            cursor={{ fill: colors.grid, opacity: 0.4 }}
            contentStyle={{
              background: colors.surface,
              border: `1px solid ${colors.grid}`,
              borderRadius: 6,
              fontSize: 12,
            }}
            labelStyle={{ color: colors.text }}
          />
          {STATUSES.map((status) => (
            <Bar
              key={status}
              dataKey={status}
              stackId="calls"
              fill={fill[status]}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(_data, index) => open(points[index], status)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
