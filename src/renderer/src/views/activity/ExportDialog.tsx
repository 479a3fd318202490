/** Export: format, scope, bodies; a progress bar that can be cancelled; "Show in folder" after. */
import { useEffect, useRef, useState } from 'react';
import type { ActivityFilter, ExportFormat } from '../../../../shared/activity';
import type { ExportProgress, ExportResult } from '../../../../shared/api';
import { exportFileName } from '../../../../shared/exportFileName';
import { UntrustedText } from '../../components/UntrustedText';
import { isEmptyFilter } from '../../lib/activityFilterUrl';
import { filterSummary } from '../../lib/filterSummary';
import { formatCount, formatCountOf } from '../../lib/format';
import { describeTimeRange } from '../../lib/timeRange';
import { tokenLabels } from '../../lib/tokenLabels';
import { errorMessage } from '../../state/asyncState';
import { useStores, useTokens } from '../../state/stores';
import { useTimeZone } from '../../state/timeZoneStore';
import { TYPE_LABELS } from './activityLabels';

/** Records each scope would export, counted when the dialog opens (null until known). */
function useScopeCounts(filter: ActivityFilter): { filtered: number | null; all: number | null } {
  const { api } = useStores();
  const [counts, setCounts] = useState<{ filtered: number | null; all: number | null }>({
    filtered: null,
    all: null,
  });
  useEffect(() => {
    let live = true;
    void Promise.all([
      api.listActivity({ ...filter, limit: 1 }),
      api.listActivity({ limit: 1 }),
    ]).then(
      ([filtered, all]) => live && setCounts({ filtered: filtered.total, all: all.total }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, filter]);
  return counts;
}

const countText = (count: number | null): string =>
  count === null ? 'counting…' : formatCountOf(count, 'record');

type Phase =
  | { kind: 'form' }
  | { kind: 'running'; progress: ExportProgress }
  | { kind: 'done'; result: ExportResult }
  | { kind: 'failed'; message: string };

export function ExportDialog({ filter, onClose }: { filter: ActivityFilter; onClose: () => void }) {
  const { api } = useStores();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [scope, setScope] = useState<'filtered' | 'all'>(
    isEmptyFilter(filter) ? 'all' : 'filtered',
  );
  const [bodies, setBodies] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const abort = useRef<AbortController | null>(null);
  const counts = useScopeCounts(filter);
  const tokens = useTokens((state) => state.tokens);
  const zone = useTimeZone((state) => state.zone);
  const lines = filterSummary(filter, {
    typeLabels: TYPE_LABELS,
    tokenLabels: tokenLabels(tokens),
    timeRange: describeTimeRange(filter.start_time, filter.end_time, Date.now(), zone),
  });
  const fileName = exportFileName(format, new Date(), scope === 'all' ? {} : filter);

  useEffect(() => () => abort.current?.abort(), []);

  const running = phase.kind === 'running';
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !running) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose, running]);

  const start = async (): Promise<void> => {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', progress: { rows: 0, total: 0 } });
    try {
      const result = await api.exportActivity(
        { format, filter: scope === 'all' ? {} : filter, include_bodies: bodies },
        (progress) => setPhase({ kind: 'running', progress }),
        controller.signal,
      );
      setPhase({ kind: 'done', result });
    } catch (error) {
      setPhase({ kind: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && !running && onClose()}
    >
      <div className="modal" role="dialog" aria-modal="true" aria-label="Export activity">
        <h2>Export activity</h2>
        {phase.kind === 'form' && (
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              void start();
            }}
          >
            <fieldset className="choice">
              <legend>Format</legend>
              <label>
                <input
                  type="radio"
                  name="format"
                  checked={format === 'csv'}
                  autoFocus
                  onChange={() => setFormat('csv')}
                />{' '}
                CSV
                <span className="muted"> — spreadsheets</span>
              </label>
              <label>
                <input
                  type="radio"
                  name="format"
                  checked={format === 'jsonl'}
                  onChange={() => setFormat('jsonl')}
                />{' '}
                JSON Lines <span className="muted"> — scripts, jq</span>
              </label>
            </fieldset>
            <fieldset className="choice">
              <legend>Records</legend>
              <label>
                <input
                  type="radio"
                  name="scope"
                  checked={scope === 'filtered'}
                  disabled={isEmptyFilter(filter)}
                  onChange={() => setScope('filtered')}
                />{' '}
                Matching the current filters{' '}
                <span className="muted" data-testid="export-count-filtered">
                  ({countText(isEmptyFilter(filter) ? 0 : counts.filtered)})
                </span>
              </label>
              {lines.length > 0 && (
                <ul className="filter-summary" data-testid="export-filters">
                  {lines.map((line) => (
                    <li key={line.name}>
                      <span className="muted">{line.name}:</span>{' '}
                      <UntrustedText text={line.value} />
                    </li>
                  ))}
                </ul>
              )}
              <label>
                <input
                  type="radio"
                  name="scope"
                  checked={scope === 'all'}
                  onChange={() => setScope('all')}
                />{' '}
                Everything{' '}
                <span className="muted" data-testid="export-count-all">
                  ({countText(counts.all)})
                </span>
              </label>
            </fieldset>
            <label>
              <input
                type="checkbox"
                checked={bodies}
                onChange={(event) => setBodies(event.target.checked)}
              />{' '}
              Include arguments and responses (redacted)
            </label>
            <p className="muted small-text" data-testid="export-file-name">
              Saved as <span className="mono">{fileName}</span>
            </p>
            <div className="row end">
              <button type="button" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className="primary">
                Export
              </button>
            </div>
          </form>
        )}
        {phase.kind === 'running' && (
          <div className="stack">
            <progress
              max={Math.max(1, phase.progress.total)}
              value={Math.min(phase.progress.rows, Math.max(1, phase.progress.total))}
            />
            <div className="muted">
              {formatCount(phase.progress.rows)} of {formatCount(phase.progress.total)} records
            </div>
            <div className="row end">
              <button type="button" onClick={() => abort.current?.abort()}>
                Cancel export
              </button>
            </div>
          </div>
        )}
        {phase.kind === 'done' && (
          <div className="stack" data-testid="export-done">
            {phase.result.status === 'saved' ? (
              <p>
                Exported {formatCountOf(phase.result.rows, 'record')}
                {phase.result.path ? (
                  <>
                    {' '}
                    to <span className="mono">{phase.result.path}</span>
                  </>
                ) : null}
                .
              </p>
            ) : (
              <p>Export cancelled; nothing was saved.</p>
            )}
            <div className="row end">
              {phase.result.status === 'saved' && phase.result.path && api.showInFolder && (
                <button
                  type="button"
                  onClick={() =>
                    void api.showInFolder?.(
                      phase.result.status === 'saved' ? (phase.result.path ?? '') : '',
                    )
                  }
                >
                  Show in folder
                </button>
              )}
              <button type="button" className="primary" onClick={onClose}>
                Done
              </button>
            </div>
          </div>
        )}
        {phase.kind === 'failed' && (
          <div className="stack">
            <p className="error-text">The export failed: {phase.message}</p>
            <div className="row end">
              <button type="button" onClick={() => setPhase({ kind: 'form' })}>
                Back
              </button>
              <button type="button" onClick={onClose}>
                Close
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
