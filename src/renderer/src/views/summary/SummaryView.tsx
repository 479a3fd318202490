/** Summary: calls over time by status, top tools and servers, latency per tool, error/block rates. */
import { useEffect } from 'react';
import { SUMMARY_PERIODS, type SummaryPeriod } from '../../../../shared/activity';
import { navigate, useRoute } from '../../hooks/useRoute';
import { formatCount, formatRate } from '../../lib/format';
import { periodFilter } from '../../lib/summaryChart';
import { useStores, useSummary } from '../../state/stores';
import { LatencyChart } from './LatencyChart';
import { LatencyTable } from './LatencyTable';
import { openActivity } from './openActivity';
import { TimelineChart } from './TimelineChart';
import { TopChart } from './TopChart';

/** The summary is a snapshot; a slow refresh keeps it current without chasing every call. */
const REFRESH_MS = 10_000;

function periodFromParams(params: URLSearchParams): SummaryPeriod {
  const value = params.get('period');
  return (SUMMARY_PERIODS as readonly string[]).includes(value ?? '')
    ? (value as SummaryPeriod)
    : '24h';
}

export function SummaryView() {
  const { summary: store } = useStores();
  const { params } = useRoute();
  const period = periodFromParams(params);
  const summary = useSummary((state) => state.summary);
  const status = useSummary((state) => state.status);
  const error = useSummary((state) => state.error);

  useEffect(() => {
    void store.getState().load(period);
    const timer = setInterval(() => void store.getState().load(period), REFRESH_MS);
    return () => clearInterval(timer);
  }, [store, period]);

  const current = summary && summary.period === period ? summary : null;
  const range = current ? periodFilter(current) : {};

  return (
    <div className="summary-view">
      <header className="view-header">
        <h1>Summary</h1>
        <div className="segmented" role="group" aria-label="Period">
          {SUMMARY_PERIODS.map((item) => (
            <button
              key={item}
              type="button"
              className={`small${item === period ? ' on' : ''}`}
              aria-pressed={item === period}
              onClick={() => navigate('summary', new URLSearchParams({ period: item }), true)}
            >
              {item}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <span className="muted">Click a bar to open those calls</span>
      </header>
      <div className="view-body">
        {status === 'error' && !current && (
          <div className="state-message" role="alert">
            <h2>The summary could not be loaded</h2>
            <p className="error-text">{error}</p>
          </div>
        )}
        {!current && status !== 'error' && (
          <div className="state-message muted">Loading summary…</div>
        )}
        {current && (
          <div className="summary-grid" data-testid="summary">
            <div className="stat-row">
              <Stat
                label="Calls"
                value={formatCount(current.total)}
                onClick={() => openActivity(range)}
              />
              <Stat
                label="Succeeded"
                value={formatCount(current.by_status.success)}
                tone="ok"
                onClick={() => openActivity({ ...range, status: ['success'] })}
              />
              <Stat
                label="Error rate"
                value={formatRate(current.by_status.error, current.total)}
                detail={`${formatCount(current.by_status.error)} ${current.by_status.error === 1 ? 'error' : 'errors'}`}
                tone={current.by_status.error > 0 ? 'err' : undefined}
                onClick={() => openActivity({ ...range, status: ['error'] })}
              />
              <Stat
                label="Block rate"
                value={formatRate(current.by_status.blocked, current.total)}
                detail={`${formatCount(current.by_status.blocked)} blocked`}
                tone={current.by_status.blocked > 0 ? 'warn' : undefined}
                onClick={() => openActivity({ ...range, status: ['blocked'] })}
              />
            </div>
            <section className="card chart-card wide">
              <h3>Calls over time</h3>
              <TimelineChart summary={current} />
            </section>
            <section className="card chart-card">
              <h3>Top tools</h3>
              <TopChart
                rows={current.top_tools.map((tool) => ({
                  label: tool.tool_name ?? '–',
                  hint: tool.server_name ?? '',
                  count: tool.count,
                  filter: {
                    ...range,
                    server: tool.server_name ?? undefined,
                    tool: tool.tool_name ?? undefined,
                  },
                }))}
                testId="top-tools"
              />
            </section>
            <section className="card chart-card">
              <h3>Top servers</h3>
              <TopChart
                rows={current.top_servers.map((server) => ({
                  label: server.server_name ?? '–',
                  hint: '',
                  count: server.count,
                  filter: { ...range, server: server.server_name ?? undefined },
                }))}
                testId="top-servers"
              />
            </section>
            <section className="card chart-card wide">
              <h3>Latency per tool (p50 · p95 · p99)</h3>
              <LatencyChart tools={current.top_tools} range={range} />
            </section>
            <section className="card wide">
              <h3>Outcomes per tool</h3>
              <LatencyTable tools={current.top_tools} range={range} />
            </section>
          </div>
        )}
      </div>
    </div>
  );
}

function Stat({
  label,
  value,
  detail,
  tone,
  onClick,
}: {
  label: string;
  value: string;
  detail?: string;
  tone?: 'ok' | 'warn' | 'err';
  onClick: () => void;
}) {
  return (
    <button type="button" className={`stat card${tone ? ` ${tone}` : ''}`} onClick={onClick}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {detail && <span className="muted">{detail}</span>}
    </button>
  );
}
