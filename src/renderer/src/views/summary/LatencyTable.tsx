/** p50/p95/p99 per tool with error and block counts; a row opens that tool's calls. */
import type { ActivityFilter, ToolSummary } from '../../../../shared/activity';
import { formatCount, formatDuration, formatRate } from '../../lib/format';
import { openActivity } from './openActivity';

export function LatencyTable({ tools, range }: { tools: ToolSummary[]; range: ActivityFilter }) {
  if (tools.length === 0) return <p className="muted">No tool calls in this period.</p>;
  const slowest = Math.max(...tools.map((tool) => tool.p99_ms ?? 0), 1);
  return (
    <table className="data-table latency" data-testid="latency-table">
      <thead>
        <tr>
          <th>Tool</th>
          <th className="num">Calls</th>
          <th className="num">Errors</th>
          <th className="num">Blocked</th>
          <th className="num">p50</th>
          <th className="num">p95</th>
          <th className="num">p99</th>
          <th className="bar-col">Latency</th>
        </tr>
      </thead>
      <tbody>
        {tools.map((tool) => (
          <tr
            key={`${tool.server_name}/${tool.tool_name}`}
            className="clickable"
            onClick={() =>
              openActivity({
                ...range,
                server: tool.server_name ?? undefined,
                tool: tool.tool_name ?? undefined,
              })
            }
          >
            <td className="mono">
              {tool.tool_name ?? '–'} <span className="muted">{tool.server_name}</span>
            </td>
            <td className="num">{formatCount(tool.count)}</td>
            <td className={`num${tool.error_count ? ' error-text' : ''}`}>
              {formatCount(tool.error_count)}{' '}
              <span className="muted">{formatRate(tool.error_count, tool.count)}</span>
            </td>
            <td className="num">
              {formatCount(tool.blocked_count)}{' '}
              <span className="muted">{formatRate(tool.blocked_count, tool.count)}</span>
            </td>
            <td className="num">{formatDuration(tool.p50_ms)}</td>
            <td className="num">{formatDuration(tool.p95_ms)}</td>
            <td className="num">{formatDuration(tool.p99_ms)}</td>
            <td className="bar-col">
              <span className="latency-bar" title="p50 · p95 · p99">
                <span
                  className="p99"
                  style={{ width: `${((tool.p99_ms ?? 0) / slowest) * 100}%` }}
                />
                <span
                  className="p95"
                  style={{ width: `${((tool.p95_ms ?? 0) / slowest) * 100}%` }}
                />
                <span
                  className="p50"
                  style={{ width: `${((tool.p50_ms ?? 0) / slowest) * 100}%` }}
                />
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
