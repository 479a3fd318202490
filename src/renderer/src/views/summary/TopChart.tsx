/** A ranked horizontal bar chart (top tools, top servers); a click on a bar lists those calls. */
import { Bar, BarChart, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActivityFilter } from '../../../../shared/activity';
import { useThemeColors } from '../../hooks/useThemeColors';
import { formatCount } from '../../lib/format';
import { AxisLabel } from './AxisLabel';
import { openActivity } from './openActivity';

export interface TopRow {
  label: string;
  hint: string;
  count: number;
  filter: ActivityFilter;
}

const BAR_ROW_HEIGHT = 26;
const AXIS_WIDTH = 150;

export function TopChart({ rows, testId }: { rows: TopRow[]; testId: string }) {
  const colors = useThemeColors();
  if (rows.length === 0) return <p className="muted">No calls in this period.</p>;
  const top = rows.slice(0, 10);
  // Recharts merges equal category labels: a tool name two servers offer gets its server added.
  const data = top.map((row) =>
    top.filter((other) => other.label === row.label).length > 1 && row.hint
      ? { ...row, label: `${row.label} · ${row.hint}` }
      : row,
  );
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={data.length * BAR_ROW_HEIGHT + 16}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 0 }}>
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis
            type="category"
            dataKey="label"
            width={AXIS_WIDTH}
            tick={(props: object) => <AxisLabel {...props} width={AXIS_WIDTH} fill={colors.text} />}
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
            formatter={(value) => [String(value), 'calls']}
          />
          <Bar
            dataKey="count"
            fill={colors.accent}
            radius={[0, 3, 3, 0]}
            barSize={16}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_data, index) => {
              const row = data[index];
              if (row) openActivity(row.filter);
            }}
          >
            <LabelList
              dataKey="count"
              position="right"
              fill={colors.muted}
              fontSize={11}
              formatter={(value) => formatCount(Number(value))}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
