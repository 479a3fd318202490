/**
 * The activity list: filter, paged window, keyboard cursor, pause. Pages are fetched on demand by the
 * table's visible range; live rows are applied by connectBridge as coalesced deltas.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActivityFilter, ActivityListRow, ActivityQuery } from '../../../shared/activity';
import type { SwitchboardApi } from '../../../shared/api';
import {
  PAGE_SIZE,
  emptyWindow,
  missingPages,
  pageRequest,
  reachesAnchor,
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
/** Pages held in memory (100 rows each); the farthest from the last loaded one are dropped. */
const MAX_PAGES_HELD = 300;

export interface ActivityState {
  filter: ActivityFilter;
  window: ActivityWindow;
  status: LoadStatus;
  error: string | null;
  /** Bumped on every reload, so a late page of an old filter is dropped. */
  generation: number;
  paused: boolean;
  /** Live rows held back while paused (the "N new" pill). */
  pending: ActivityListRow[];
  /** Row index the keyboard cursor is on. */
  cursorIndex: number;
  setFilter(filter: ActivityFilter): void;
  reload(): Promise<void>;
  ensureRange(first: number, last: number): void;
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

export function createActivityStore(api: SwitchboardApi): ActivityStore {
  const inFlight = new Set<string>();

  return createStore<ActivityState>()((set, get) => {
    const loadPage = async (page: number): Promise<void> => {
      const { window, generation, filter } = get();
      const key = `${generation}:${page}`;
      if (inFlight.has(key) || window.pages.has(page)) return;
      inFlight.add(key);
      try {
        const request = pageRequest(window, page);
        const query: ActivityQuery = { ...filter, limit: PAGE_SIZE };
        if ('cursor' in request) query.cursor = request.cursor;
        else query.offset = request.offset;
        const result = await api.listActivity(query);
        if (get().generation !== generation) return;
        set((state) => {
          let base = state.window;
          if (page === 0) {
            // Rows that arrived live while the first page was in flight are in it already.
            const ids = new Set(result.activities.map((row) => row.id));
            const head = base.head.filter((row) => !ids.has(row.id));
            base = { ...base, head, snapshotTotal: result.total };
          }
          const window = withPage(base, page, result.activities, result.next_cursor);
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
      window: emptyWindow,
      status: 'idle',
      error: null,
      generation: 0,
      paused: false,
      pending: [],
      cursorIndex: 0,

      setFilter(filter) {
        if (sameFilter(filter, get().filter) && get().status !== 'idle') return;
        set({ filter });
        void get().reload();
      },

      async reload() {
        const generation = get().generation + 1;
        set({
          generation,
          window: emptyWindow,
          status: 'loading',
          error: null,
          pending: [],
          cursorIndex: 0,
        });
        await loadPage(0);
      },

      ensureRange(first, last) {
        if (get().status === 'loading' || get().status === 'idle') return;
        for (const page of missingPages(get().window, first, last)) void loadPage(page);
      },

      applyLive(rows) {
        const { filter, paused } = get();
        const matching = rows.filter((row) => recordMatchesFilter(row, filter));
        if (matching.length === 0) return;
        if (paused) {
          set((state) => ({ pending: [...matching, ...state.pending] }));
          return;
        }
        set((state) => {
          const window = withLiveRows(state.window, matching);
          const added = window.head.length - state.window.head.length;
          // Keep the keyboard cursor on the same row as rows are added above it.
          return { window, cursorIndex: state.cursorIndex > 0 ? state.cursorIndex + added : 0 };
        });
      },

      async refetchHead(anchor) {
        const { filter, generation } = get();
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
        const pending = get().pending;
        set({ paused: false, pending: [] });
        get().applyLive(pending);
      },

      setCursorIndex(index) {
        set({ cursorIndex: Math.max(0, index) });
      },
    };
  });
}
