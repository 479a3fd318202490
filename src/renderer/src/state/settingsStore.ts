/** Retention, redaction and telemetry settings, plus the instance status shown beside them. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SwitchboardApi } from '../../../shared/api';
import type { SettingsPatch, StatusInfo, SwitchboardSettings } from '../../../shared/servers';
import { errorMessage, type LoadStatus } from './asyncState';

export interface SettingsState {
  settings: SwitchboardSettings | null;
  info: StatusInfo | null;
  status: LoadStatus;
  error: string | null;
  load(): Promise<void>;
  loadStatus(): Promise<void>;
  save(patch: SettingsPatch): Promise<void>;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(api: SwitchboardApi): SettingsStore {
  return createStore<SettingsState>()((set, get) => ({
    settings: null,
    info: null,
    status: 'idle',
    error: null,
    async load() {
      if (!get().settings) set({ status: 'loading' });
      try {
        const [settings, info] = await Promise.all([api.getSettings(), api.getStatus()]);
        set({ settings, info, status: 'ready', error: null });
      } catch (error) {
        set({ status: 'error', error: errorMessage(error) });
      }
    },
    async loadStatus() {
      try {
        set({ info: await api.getStatus() });
      } catch {
        // The status line is informative; the connection indicator reports an outage.
      }
    },
    async save(patch) {
      set({ settings: await api.updateSettings(patch) });
      // A telemetry change restarts the exporter: show its new state.
      if (patch.telemetry) await get().loadStatus();
    },
  }));
}
