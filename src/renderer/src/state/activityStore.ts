/**
 * The activity list: filter, paged window, keyboard cursor, pause. Pages are fetched on demand by the
 * table's visible range; live rows are applied by connectBridge as coalesced deltas.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ActivityFilter,
  ActivityListRow,
  ActivityQuery,
  ActivitySort,
} from '../../../shared/activity';
import type { SwitchboardApi } from '../../../shared/api';
import {
  PAGE_SIZE,
  emptyWindow,
  missingPages,
  pageRequest,
  reachesAnchor,
  snapshotPageAt,
  withFirstPage,
  withLiveRows,
  withPage,
  withoutFarPages,
  type ActivityWindow,
} from '../lib/activityWindow';
import { sameFilter } from '../lib/activityFilterUrl';
import { recordMatchesFilter } from '../lib/recordMatchesFilter';
import { errorMessage, type LoadStatus } from './asyncState';

/** How many head pages a gap refetch may read before it settles for a fresh snapshot. */
const MAX_GAP_PAGES = 10;
/**
 * Pages held in memory (100 rows each), live rows included once folded: the farthest from where
 * the reader is are dropped and load again on demand. 3,000 rows is a hundred screens around the
 * reader and keeps the heap flat however long a live stream runs.
 */
const MAX_PAGES_HELD = 30;
/** Live rows held while paused; past this only a count is kept and resuming reloads the list. */
const MAX_PENDING = MAX_PAGES_HELD * PAGE_SIZE;

export interface ActivityState {
  filter: ActivityFilter;
  /** The list's order; live rows are placed only in the default, newest first. */
  sort: ActivitySort;
  /** Live rows that arrived while the list is in another order (the "N new" reload pill). */
  newWhileSorted: number;
  window: ActivityWindow;
  status: LoadStatus;
  error: string | null;
  /** Bumped on every reload, so a late page of an old filter is dropped. */
  generation: number;
  paused: boolean;
  /** Live rows held back while paused (the "N new" pill). */
  pending: ActivityListRow[];
  /** Live rows that arrived while paused beyond MAX_PENDING: counted, not held. */
  pendingDropped: number;
  /** Row index the keyboard cursor is on. */
  cursorIndex: number;
  setFilter(filter: ActivityFilter, sort?: ActivitySort): void;
  reload(): Promise<void>;
  ensureRange(first: number, last: number): void;
  /** Adds live rows, newest commit first, above the list (or to `pending` while paused). */
  applyLive(rows: ActivityListRow[]): void;
  /**
   * Reads the newest rows by cursor until it reaches `anchor` (the newest row shown before events
   * were missed) and merges them in; with no anchor, it reads up to the page limit.
   */
  refetchHead(anchor: ActivityListRow | null): Promise<void>;
  setPaused(paused: boolean): void;
  setCursorIndex(index: number): void;
}

export type ActivityStore = StoreApi<ActivityState>;

export function createActivityViewStore(api: SwitchboardApi): ActivityStore {
  const inFlight = new Set<string>();
  /** First display row the table shows: page dropping keeps the pages around it. */
  let visibleFirst = 0;

  return createStore<ActivityState>()((set, get) => {
    /** `initial`: the first page of a new snapshot, which sets the total. */
    const loadPage = async (page: number, initial = false): Promise<void> => {
      const { window, generation, filter } = get();
      const key = `${generation}:${page}`;
      if (inFlight.has(key) || window.pages.has(page)) return;
      inFlight.add(key);
      try {
        const request = pageRequest(window, page);
        const query: ActivityQuery = { ...filter, limit: PAGE_SIZE };
        if (get().sort !== 'time_desc') query.sort = get().sort;
        if ('cursor' in request) query.cursor = request.cursor;
        else query.offset = request.offset;
        const result = await api.listActivity(query);
        if (get().generation !== generation) return;
        set((state) => {
          const window = initial
            ? withFirstPage(state.window, result.activities, result.total, result.next_cursor)
            : withPage(state.window, page, result.activities, result.next_cursor);
          return {
            window: withoutFarPages(window, page, MAX_PAGES_HELD),
            status: 'ready',
            error: null,
          };
        });
      } catch (error) {
        if (get().generation !== generation) return;
        // Without a first page there is no list; a later page that fails stays a placeholder
        // and is asked for again when the table scrolls.
        if (page === 0) set({ status: 'error', error: errorMessage(error) });
        else set({ error: errorMessage(error) });
      } finally {
        inFlight.delete(key);
      }
    };

    return {
      filter: {},
      sort: 'time_desc',
      newWhileSorted: 0,
      window: emptyWindow,
      status: 'idle',
      error: null,
      generation: 0,
      paused: false,
      pending: [],
      pendingDropped: 0,
      cursorIndex: 0,

      setFilter(filter, sort = 'time_desc') {
        const unchanged = sameFilter(filter, get().filter) && sort === get().sort;
        if (unchanged && get().status !== 'idle') return;
        set({ filter, sort });
        void get().reload();
      },

      async reload() {
        const generation = get().generation + 1;
        visibleFirst = 0;
        set({
          generation,
          window: emptyWindow,
          status: 'loading',
          error: null,
          pending: [],
          pendingDropped: 0,
          newWhileSorted: 0,
          cursorIndex: 0,
        });
        await loadPage(0, true);
      },

      ensureRange(first, last) {
        visibleFirst = first;
        if (get().status === 'loading' || get().status === 'idle') return;
        for (const page of missingPages(get().window, first, last)) void loadPage(page);
      },

      applyLive(rows) {
        const { filter, paused } = get();
        const matching = rows.filter((row) => recordMatchesFilter(row, filter));
        if (matching.length === 0) return;
        // Oldest or slowest first: where a new row belongs is the server's to say; offer a reload.
        if (get().sort !== 'time_desc') {
          set((state) => ({ newWhileSorted: state.newWhileSorted + matching.length }));
          return;
        }
        if (paused) {
          set((state) => {
            if (state.pendingDropped > 0 || state.pending.length + matching.length > MAX_PENDING) {
              return {
                pending: [],
                pendingDropped: state.pendingDropped + state.pending.length + matching.length,
              };
            }
            return { pending: [...matching, ...state.pending] };
          });
          return;
        }
        set((state) => {
          const live = withLiveRows(state.window, matching);
          const window = withoutFarPages(live, snapshotPageAt(live, visibleFirst), MAX_PAGES_HELD);
          const added = window.liveRows - state.window.liveRows;
          // Keep the keyboard cursor on the same row as rows are added above it.
          return { window, cursorIndex: state.cursorIndex > 0 ? state.cursorIndex + added : 0 };
        });
      },

      async refetchHead(anchor) {
        const { filter, generation, sort } = get();
        if (sort !== 'time_desc') return;
        const fresh: ActivityListRow[] = [];
        let cursor: string | undefined;
        try {
          for (let page = 0; page < MAX_GAP_PAGES; page++) {
            const result = await api.listActivity({ ...filter, limit: PAGE_SIZE, cursor });
            if (get().generation !== generation) return;
            fresh.push(...result.activities);
            if (reachesAnchor(result.activities, anchor) || !result.next_cursor) {
              get().applyLive(fresh);
              return;
            }
            cursor = result.next_cursor;
          }
        } catch (error) {
          set({ error: errorMessage(error) });
          return;
        }
        // Too much was missed to stitch in: start a fresh snapshot (only its first page loads).
        await get().reload();
      },

      setPaused(paused) {
        if (paused) {
          set({ paused: true });
          return;
        }
        const { pending, pendingDropped } = get();
        set({ paused: false, pending: [], pendingDropped: 0 });
        // Too much arrived to hold: a fresh snapshot shows it all.
        if (pendingDropped > 0) void get().reload();
        else get().applyLive(pending);
      },

      setCursorIndex(index) {
        set({ cursorIndex: Math.max(0, index) });
      },
    };
  });
}
