/** Upstream servers, their tools (loaded when a row is opened), and the actions on them. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SwitchboardApi } from '../../../shared/api';
import type { ServerAction, ServerEntryInput, ServerInfo, ToolInfo } from '../../../shared/servers';
import { errorMessage, type LoadStatus } from './asyncState';

export interface ServersState {
  servers: ServerInfo[];
  status: LoadStatus;
  error: string | null;
  tools: Readonly<Record<string, ToolInfo[] | string>>;
  refresh(): Promise<void>;
  loadTools(name: string): Promise<void>;
  /** SPEC 11: approve a changed or new tool, then show its server's tools as they are now. */
  approveTool(server: string, tool: string): Promise<void>;
  act(name: string, action: ServerAction): Promise<void>;
  add(name: string, entry: ServerEntryInput): Promise<void>;
  remove(name: string): Promise<void>;
  importConfig(json: string): Promise<{ added: string[]; skipped: string[] }>;
}

export type ServersStore = StoreApi<ServersState>;

export function createServersStore(api: SwitchboardApi): ServersStore {
  return createStore<ServersState>()((set, get) => {
    const replace = (info: ServerInfo): void =>
      set((state) => ({
        servers: state.servers.some((item) => item.name === info.name)
          ? state.servers.map((item) => (item.name === info.name ? info : item))
          : [...state.servers, info],
      }));
    return {
      servers: [],
      status: 'idle',
      error: null,
      tools: {},
      async refresh() {
        if (get().status === 'idle') set({ status: 'loading' });
        try {
          set({ servers: await api.listServers(), status: 'ready', error: null });
        } catch (error) {
          set({ status: 'error', error: errorMessage(error) });
        }
      },
      async loadTools(name) {
        try {
          const tools = await api.getServerTools(name);
          set((state) => ({ tools: { ...state.tools, [name]: tools } }));
        } catch (error) {
          set((state) => ({ tools: { ...state.tools, [name]: errorMessage(error) } }));
        }
      },
      async approveTool(server, tool) {
        await api.approveTool(server, tool);
        await get().loadTools(server);
      },
      async act(name, action) {
        replace(await api.serverAction(name, action));
        if (action === 'restart') void get().loadTools(name);
      },
      async add(name, entry) {
        replace(await api.addServer(name, entry));
      },
      async remove(name) {
        await api.removeServer(name);
        set((state) => ({ servers: state.servers.filter((item) => item.name !== name) }));
      },
      async importConfig(json) {
        const result = await api.importServers(json);
        await get().refresh();
        return result;
      },
    };
  });
}
