/** The Summary view's period and data. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActivityFilter, ActivitySummary, SummaryPeriod } from '../../../shared/activity';
import type { SwitchboardApi } from '../../../shared/api';
import { errorMessage, type LoadStatus } from './asyncState';

export interface SummaryState {
  period: SummaryPeriod;
  summary: ActivitySummary | null;
  status: LoadStatus;
  error: string | null;
  load(period: SummaryPeriod, filter?: ActivityFilter): Promise<void>;
}

export type SummaryStore = StoreApi<SummaryState>;

export function createSummaryStore(api: SwitchboardApi): SummaryStore {
  let latest = 0;
  return createStore<SummaryState>()((set) => ({
    period: '24h',
    summary: null,
    status: 'idle',
    error: null,
    async load(period, filter = {}) {
      const request = ++latest;
      set((state) => ({ period, status: state.summary ? state.status : 'loading' }));
      try {
        const summary = await api.getSummary(period, filter);
        if (request === latest) set({ summary, status: 'ready', error: null });
      } catch (error) {
        if (request === latest) set({ status: 'error', error: errorMessage(error) });
      }
    },
  }));
}
