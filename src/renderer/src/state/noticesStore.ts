/** Short confirmations and failures of user actions ("Server restarted", "Revoke failed: ..."). */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export interface NoticesState {
  notices: Notice[];
  push(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

export type NoticesStore = StoreApi<NoticesState>;

export function createNoticesStore(): NoticesStore {
  let next = 1;
  return createStore<NoticesState>()((set, get) => ({
    notices: [],
    push(kind, text) {
      const id = next++;
      set((state) => ({ notices: [...state.notices.slice(-3), { id, kind, text }] }));
      setTimeout(() => get().dismiss(id), kind === 'error' ? 8000 : 3500);
    },
    dismiss: (id) => set((state) => ({ notices: state.notices.filter((item) => item.id !== id) })),
  }));
}
