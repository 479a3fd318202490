/**
 * SwitchboardApi over the REST API and SSE of `switchboard serve` (SPEC 7), for the UI in a
 * plain browser. The Electron preload bridge implements the same interface over IPC.
 */
import type { ActivityEvent } from '../../../shared/activity';
import {
  SwitchboardApiError,
  type ConnectionState,
  type SwitchboardApi,
} from '../../../shared/api';
import { createRestClient, EVENTS_PATH } from '../../../shared/restClient';
import type { ServerInfo } from '../../../shared/servers';
import type { ApprovalEvent } from '../../../shared/approvals';
import { parseServerImport } from '../lib/serverImport';
import { openEventStream, type EventStream } from './eventStream';
import { downloadExport } from './exportDownload';

function unreachable(baseUrl: string, error: unknown): SwitchboardApiError {
  const where = baseUrl || globalThis.location?.origin || 'this address';
  const detail = error instanceof Error ? ` (${error.message})` : '';
  return new SwitchboardApiError(
    'unavailable',
    `Switchboard is not reachable at ${where}${detail}. Is \`switchboard serve\` still running?`,
  );
}

export function createHttpBridge(baseUrl = ''): SwitchboardApi {
  const rest = createRestClient({
    baseUrl,
    unreachable,
    unauthorizedHint: 'open the UI link that `switchboard serve` prints: it carries the api key',
  });
  const activityListeners = new Set<(event: ActivityEvent) => void>();
  const serverListeners = new Set<() => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const approvalListeners = new Set<(event: ApprovalEvent) => void>();
  let stream: EventStream | null = null;
  let connection: ConnectionState = 'connecting';

  // One SSE connection serves every subscriber; it opens with the first one.
  const ensureStream = (): void => {
    if (stream) return;
    stream = openEventStream(`${baseUrl}${EVENTS_PATH}`, {
      onEvent(event) {
        for (const listener of activityListeners) listener(event);
        if (
          event.event === 'activity.server_change' ||
          event.event === 'activity.quarantine_change'
        ) {
          for (const listener of serverListeners) listener();
        }
      },
      onApproval(event) {
        for (const listener of approvalListeners) listener(event);
      },
      onState(state) {
        connection = state;
        for (const listener of connectionListeners) listener(state);
      },
    });
  };

  const subscribe = <T>(set: Set<T>, listener: T): (() => void) => {
    set.add(listener);
    ensureStream();
    return () => {
      set.delete(listener);
      if (
        activityListeners.size +
          serverListeners.size +
          connectionListeners.size +
          approvalListeners.size ===
        0
      ) {
        stream?.close();
        stream = null;
      }
    };
  };

  const api: SwitchboardApi = {
    getStatus: () => rest.getStatus(),

    listActivity: (query) => rest.listActivity(query),
    async getActivity(id) {
      try {
        return await rest.getActivity(id);
      } catch (error) {
        if (error instanceof SwitchboardApiError && error.code === 'not_found') return null;
        throw error;
      }
    },
    getSummary: (period, filter) => rest.getSummary(period, filter),
    clearActivity: (scope) => rest.clearActivity(scope),
    verifyActivity: () => rest.verifyActivity(),
    async exportActivity(request, onProgress, signal) {
      const { total } = await api.listActivity({ ...request.filter, limit: 1 });
      return downloadExport(rest, request, total, onProgress, signal);
    },

    listServers: () => rest.listServers(),
    getServerTools: (name) => rest.getServerTools(name),
    approveTool: (name, tool) => rest.approveTool(name, tool),
    addServer: (name, entry) => rest.addServer(name, entry),
    updateServer: (name, patch) => rest.updateServer(name, patch),
    async removeServer(name) {
      await rest.removeServer(name);
    },
    serverAction(name, action): Promise<ServerInfo> {
      // SPEC 7: enable/disable are a PATCH of `enabled`; the others are POST sub-resources.
      if (action === 'enable' || action === 'disable') {
        return rest.updateServer(name, { enabled: action === 'enable' });
      }
      return rest.serverAction(name, action);
    },
    startDemo: () => rest.startDemo(),
    async importServers(configJson) {
      // Checked here for a message about the text itself; the server validates every entry again
      // and writes them all in one atomic change.
      const parsed = parseServerImport(configJson);
      if (!parsed.ok) throw new SwitchboardApiError('bad_request', parsed.error);
      return rest.importServers(JSON.parse(configJson));
    },

    getPolicies: () => rest.getPolicies(),
    setPolicies: (rules) => rest.setPolicies(rules),

    listTokens: () => rest.listTokens(),
    createToken: (name) => rest.createToken(name),
    async revokeToken(id) {
      await rest.revokeToken(id);
    },

    listApprovals: () => rest.listApprovals(),
    decideApproval: (id, decision) => rest.decideApproval(id, decision),

    getSettings: () => rest.getSettings(),
    updateSettings: (patch) => rest.updateSettings(patch),

    onDidRecordActivity: (listener) => subscribe(activityListeners, listener),
    onDidChangeServers: (listener) => subscribe(serverListeners, listener),
    onDidChangeApprovals: (listener) => subscribe(approvalListeners, listener),
    onDidChangeConnection(listener) {
      const unsubscribe = subscribe(connectionListeners, listener);
      listener(connection);
      return unsubscribe;
    },
  };
  return api;
}
