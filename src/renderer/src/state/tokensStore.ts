/** MCP tokens, and the one secret shown right after creation. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SwitchboardApi } from '../../../shared/api';
import type { CreatedMcpToken, McpTokenInfo } from '../../../shared/servers';
import { errorMessage, type LoadStatus } from './asyncState';

export interface TokensState {
  tokens: McpTokenInfo[];
  status: LoadStatus;
  error: string | null;
  /** The secret of the token created last; kept only in memory, dropped on dismiss. */
  created: CreatedMcpToken | null;
  refresh(): Promise<void>;
  create(name: string): Promise<void>;
  revoke(id: string): Promise<void>;
  dismissCreated(): void;
}

export type TokensStore = StoreApi<TokensState>;

export function createTokensStore(api: SwitchboardApi): TokensStore {
  return createStore<TokensState>()((set, get) => ({
    tokens: [],
    status: 'idle',
    error: null,
    created: null,
    async refresh() {
      if (get().status === 'idle') set({ status: 'loading' });
      try {
        set({ tokens: await api.listTokens(), status: 'ready', error: null });
      } catch (error) {
        set({ status: 'error', error: errorMessage(error) });
      }
    },
    async create(name) {
      const created = await api.createToken(name);
      set({ created });
      await get().refresh();
    },
    async revoke(id) {
      await api.revokeToken(id);
      if (get().created?.id === id) set({ created: null });
      await get().refresh();
    },
    dismissCreated: () => set({ created: null }),
  }));
}
