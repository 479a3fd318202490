/** The ordered policy rules as saved; the editor keeps its draft locally until Save. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SwitchboardApi } from '../../../shared/api';
import type { PolicyRule } from '../../../shared/servers';
import { errorMessage, type LoadStatus } from './asyncState';

export interface PoliciesState {
  rules: PolicyRule[];
  status: LoadStatus;
  error: string | null;
  /** Unsaved edits, kept here so leaving the view does not lose them; null when none. */
  draft: PolicyRule[] | null;
  setDraft(draft: PolicyRule[] | null): void;
  load(): Promise<void>;
  /** Throws the API's validation error so the editor can show it next to the draft. */
  save(rules: PolicyRule[]): Promise<void>;
}

export type PoliciesStore = StoreApi<PoliciesState>;

export function createPoliciesStore(api: SwitchboardApi): PoliciesStore {
  return createStore<PoliciesState>()((set) => ({
    rules: [],
    status: 'idle',
    error: null,
    draft: null,
    setDraft: (draft) => set({ draft }),
    async load() {
      set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading' }));
      try {
        set({ rules: await api.getPolicies(), status: 'ready', error: null });
      } catch (error) {
        set({ status: 'error', error: errorMessage(error) });
      }
    },
    async save(rules) {
      set({ rules: await api.setPolicies(rules), draft: null });
    },
  }));
}
