/** Activity: filter bar, live virtualized table, detail panel. The URL holds filters and selection. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ActivityFilter, ActivitySort } from '../../../../shared/activity';
import { navigate, useRoute } from '../../hooks/useRoute';
import { filterFromParams, filterToParams, isEmptyFilter } from '../../lib/activityFilterUrl';
import { SORT_LABELS, sortFromParams, withSort } from '../../lib/activitySortUrl';
import { windowTotal } from '../../lib/activityWindow';
import { searchTokens } from '../../../../shared/fullTextSearch';
import { SearchHitsProvider } from '../../components/SearchHits';
import { TimeZoneToggle } from '../../components/TimeZoneToggle';
import { UntrustedText } from '../../components/UntrustedText';
import { formatCount, formatCountOf } from '../../lib/format';
import { useActivity, useServers, useStores } from '../../state/stores';
import { ActivityTable } from './ActivityTable';
import { DetailPanel } from './DetailPanel';
import { EmptyActivity } from './EmptyActivity';
import { ExportDialog } from './ExportDialog';
import { FilterBar } from './FilterBar';

export function ActivityView() {
  const { activity } = useStores();
  const { params } = useRoute();
  const query = params.toString();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(query)), [query]);
  const selectedId = new URLSearchParams(query).get('id');
  const sort = sortFromParams(new URLSearchParams(query));
  const searchRef = useRef<HTMLInputElement>(null);
  const [exporting, setExporting] = useState(false);

  const status = useActivity((state) => state.status);
  const error = useActivity((state) => state.error);
  const total = useActivity((state) => windowTotal(state.window));
  const paused = useActivity((state) => state.paused);
  const pending = useActivity((state) => state.pending.length + state.pendingDropped);
  const newWhileSorted = useActivity((state) => state.newWhileSorted);
  const hasServers = useServers((state) => state.servers.length > 0);

  useEffect(() => {
    activity.getState().setFilter(filter, sort);
  }, [activity, filter, sort]);

  const go = useCallback(
    (next: ActivityFilter, id: string | null, replace: boolean, order: ActivitySort = sort) => {
      const nextParams = withSort(filterToParams(next), order);
      if (id) nextParams.set('id', id);
      navigate('activity', nextParams, replace);
    },
    [sort],
  );
  const onSort = useCallback(
    (next: ActivitySort) => go(filter, selectedId, true, next),
    [go, filter, selectedId],
  );

  const onFilter = useCallback(
    (next: ActivityFilter, typing = false) => go(next, null, typing),
    [go],
  );
  const onOpen = useCallback((id: string) => go(filter, id, true), [go, filter]);
  const onClose = useCallback(() => go(filter, null, true), [go, filter]);

  return (
    <div className="activity-view">
      <header className="view-header">
        <h1>Activity</h1>
        <span className="muted" data-testid="activity-total">
          {status === 'ready' ? formatCountOf(total, 'record') : ''}
        </span>
        {paused && pending > 0 && (
          <button
            type="button"
            className="pill-button"
            onClick={() => activity.getState().setPaused(false)}
          >
            {formatCount(pending)} new
          </button>
        )}
        {sort !== 'time_desc' && (
          <span className="muted" data-testid="activity-sort">
            {SORT_LABELS[sort]}
          </span>
        )}
        {newWhileSorted > 0 && (
          <button
            type="button"
            className="pill-button"
            title="New records are not placed live in this order; reload to see them"
            onClick={() => void activity.getState().reload()}
          >
            {formatCount(newWhileSorted)} new · reload
          </button>
        )}
        <span className="spacer" />
        <TimeZoneToggle />
        <button
          type="button"
          aria-pressed={paused}
          onClick={() => activity.getState().setPaused(!paused)}
          title="Hold new rows while you read; they wait in the “new” pill"
        >
          {paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
        <button type="button" onClick={() => setExporting(true)}>
          Export…
        </button>
      </header>
      <FilterBar filter={filter} onChange={onFilter} searchRef={searchRef} />
      <SearchHitsProvider q={filter.q}>
        <div className={`activity-body${selectedId ? ' with-detail' : ''}`}>
          <div className="activity-list">
            {status === 'error' && (
              <div className="state-message" role="alert">
                <h2>The activity log could not be loaded</h2>
                <p className="error-text">{error}</p>
                <button type="button" onClick={() => void activity.getState().reload()}>
                  Try again
                </button>
              </div>
            )}
            {status === 'loading' && <div className="state-message muted">Loading activity…</div>}
            {status === 'ready' && total === 0 && isEmptyFilter(filter) && (
              <EmptyActivity hasServers={hasServers} />
            )}
            {status === 'ready' && total === 0 && !isEmptyFilter(filter) && (
              <div className="state-message" data-testid="no-matches">
                <h2>No records match these filters</h2>
                {filter.q !== undefined && searchTokens(filter.q) === null && (
                  <p className="muted" data-testid="search-has-no-words">
                    Search looks for words (letters and digits);{' '}
                    <UntrustedText text={`“${filter.q}”`} /> has none, so it matches nothing.
                  </p>
                )}
                <button type="button" onClick={() => onFilter({})}>
                  Clear filters
                </button>
              </div>
            )}
            {status === 'ready' && error && (
              <div className="inline-error" role="status">
                Some rows could not be loaded: {error}. Scroll to retry.
              </div>
            )}
            {status === 'ready' && total > 0 && (
              <ActivityTable
                selectedId={selectedId}
                onOpen={onOpen}
                onClose={onClose}
                searchRef={searchRef}
                onSort={onSort}
              />
            )}
          </div>
          {selectedId && <DetailPanel id={selectedId} onClose={onClose} onFilter={onFilter} />}
        </div>
      </SearchHitsProvider>
      <footer className="key-hints muted">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close · <kbd>/</kbd>{' '}
        search · <kbd>g</kbd>/<kbd>G</kbd> top/end · <kbd>Alt</kbd>+<kbd>1-6</kbd> views
      </footer>
      {exporting && <ExportDialog filter={filter} onClose={() => setExporting(false)} />}
    </div>
  );
}
