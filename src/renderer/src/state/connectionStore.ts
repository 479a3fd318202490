/** The live link to the core and the calls running right now. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActivityRecord } from '../../../shared/activity';
import type { ConnectionState } from '../../../shared/api';

export interface ConnectionStoreState {
  state: ConnectionState;
  /** Calls that have started and not completed, by record id. */
  running: ReadonlyMap<string, ActivityRecord>;
  setState(state: ConnectionState): void;
  applyRunning(started: ActivityRecord[], completedIds: string[]): void;
}

export type ConnectionStore = StoreApi<ConnectionStoreState>;

/** A call start whose completion never arrived (a dropped event) is forgotten after this. */
const RUNNING_TTL_MS = 10 * 60_000;

export function createConnectionStore(): ConnectionStore {
  return createStore<ConnectionStoreState>()((set) => ({
    state: 'connecting',
    running: new Map(),
    setState: (state) => set({ state }),
    applyRunning(started, completedIds) {
      set((current) => {
        const running = new Map(current.running);
        for (const record of started) running.set(record.id, record);
        for (const id of completedIds) running.delete(id);
        const oldest = Date.now() - RUNNING_TTL_MS;
        for (const [id, record] of running) {
          if (Date.parse(record.timestamp) < oldest) running.delete(id);
        }
        return { running };
      });
    },
  }));
}
