/** p50 / p95 / p99 per tool as grouped bars; a click opens that tool's calls. */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ActivityFilter, ToolSummary } from '../../../../shared/activity';
import { useThemeColors } from '../../hooks/useThemeColors';
import { formatDuration } from '../../lib/format';
import { openActivity } from './openActivity';

export function LatencyChart({ tools, range }: { tools: ToolSummary[]; range: ActivityFilter }) {
  const colors = useThemeColors();
  const data = tools
    .filter((tool) => tool.p50_ms !== null)
    .slice(0, 12)
    .map((tool) => ({ ...tool, label: tool.tool_name ?? '–' }));
  if (data.length === 0) return <p className="muted">No completed tool calls in this period.</p>;
  const open = (index: number): void => {
    const tool = data[index];
    if (tool)
      openActivity({
        ...range,
        server: tool.server_name ?? undefined,
        tool: tool.tool_name ?? undefined,
      });
  };
  return (
    <div className="chart" data-testid="latency-chart">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={colors.grid} />
          <XAxis
            dataKey="label"
            tick={{ fill: colors.muted, fontSize: 11 }}
            tickLine={false}
            axisLine={{ stroke: colors.grid }}
            interval={0}
          />
          <YAxis
            tick={{ fill: colors.muted, fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            tickFormatter={(value: number) => (value === 0 ? '0' : formatDuration(value))}
            width={60}
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
            formatter={(value, name) => [
              formatDuration(typeof value === 'number' ? value : null),
              String(name),
            ]}
          />
          <Legend wrapperStyle={{ fontSize: 12, color: colors.text }} iconSize={10} />
          <Bar
            dataKey="p50_ms"
            name="p50"
            fill={colors.p50}
            maxBarSize={28}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_d, i) => open(i)}
          />
          <Bar
            dataKey="p95_ms"
            name="p95"
            fill={colors.accent}
            maxBarSize={28}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_d, i) => open(i)}
          />
          <Bar
            dataKey="p99_ms"
            name="p99"
            fill={colors.p99}
            maxBarSize={28}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_d, i) => open(i)}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
