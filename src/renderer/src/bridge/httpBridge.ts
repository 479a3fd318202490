/**
 * SwitchboardApi over the REST API and SSE of `switchboard serve` (SPEC 7), for the UI in a
 * plain browser. The Electron preload bridge implements the same interface over IPC.
 */
import type {
  ActivityEvent,
  ActivityPage,
  ActivityRecord,
  ActivitySummary,
} from '../../../shared/activity';
import {
  SwitchboardApiError,
  type ConnectionState,
  type SwitchboardApi,
} from '../../../shared/api';
import type {
  ActivitySettings,
  CreatedMcpToken,
  McpTokenInfo,
  PolicyRule,
  ServerInfo,
  StatusInfo,
  ToolInfo,
} from '../../../shared/servers';
import type { ApprovalEvent, PendingRequest } from '../../../shared/approvals';
import { activityParams, withQuery } from '../lib/restQuery';
import { parseServerImport } from '../lib/serverImport';
import { openEventStream, type EventStream } from './eventStream';
import { downloadExport } from './exportDownload';
import { createRestClient } from './restClient';

const enc = encodeURIComponent;

function isServerInfo(value: unknown): value is ServerInfo {
  return typeof value === 'object' && value !== null && 'name' in value && 'status' in value;
}

export function createHttpBridge(baseUrl = ''): SwitchboardApi {
  const rest = createRestClient(baseUrl);
  const activityListeners = new Set<(event: ActivityEvent) => void>();
  const serverListeners = new Set<() => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const approvalListeners = new Set<(event: ApprovalEvent) => void>();
  let stream: EventStream | null = null;
  let connection: ConnectionState = 'connecting';

  // One SSE connection serves every subscriber; it opens with the first one.
  const ensureStream = (): void => {
    if (stream) return;
    stream = openEventStream(`${baseUrl}/events`, {
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

  const server = async (name: string, done: Promise<unknown>): Promise<ServerInfo> => {
    const data = await done;
    return isServerInfo(data)
      ? data
      : rest.request<ServerInfo>('GET', `/api/v1/servers/${enc(name)}`);
  };

  const api: SwitchboardApi = {
    getStatus: () => rest.request<StatusInfo>('GET', '/api/v1/status'),

    listActivity: (query) =>
      rest.request<ActivityPage>('GET', withQuery('/api/v1/activity', activityParams(query))),
    async getActivity(id) {
      try {
        return await rest.request<ActivityRecord>('GET', `/api/v1/activity/${enc(id)}`);
      } catch (error) {
        if (error instanceof SwitchboardApiError && error.code === 'not_found') return null;
        throw error;
      }
    },
    getSummary(period, filter) {
      const params = activityParams(filter);
      params.set('period', period);
      return rest.request<ActivitySummary>('GET', withQuery('/api/v1/activity/summary', params));
    },
    clearActivity(scope) {
      const params = new URLSearchParams(
        'all' in scope ? { all: 'true' } : { before: scope.before },
      );
      return rest.request<{ deleted: number }>('DELETE', withQuery('/api/v1/activity', params));
    },
    async exportActivity(request, onProgress, signal) {
      const { total } = await api.listActivity({ ...request.filter, limit: 1 });
      return downloadExport(rest, request, total, onProgress, signal);
    },

    listServers: () => rest.request<ServerInfo[]>('GET', '/api/v1/servers'),
    getServerTools: (name) => rest.request<ToolInfo[]>('GET', `/api/v1/servers/${enc(name)}/tools`),
    addServer: (name, entry) =>
      server(name, rest.request('POST', '/api/v1/servers', { ...entry, name })),
    updateServer: (name, patch) =>
      server(name, rest.request('PATCH', `/api/v1/servers/${enc(name)}`, patch)),
    async removeServer(name) {
      await rest.request('DELETE', `/api/v1/servers/${enc(name)}`);
    },
    serverAction(name, action) {
      // SPEC 7: enable/disable are a PATCH of `enabled`; the others are POST sub-resources.
      if (action === 'enable' || action === 'disable') {
        return api.updateServer(name, { enabled: action === 'enable' });
      }
      return server(name, rest.request('POST', `/api/v1/servers/${enc(name)}/${action}`));
    },
    async importServers(configJson) {
      // Checked here for a message about the text itself; the server validates every entry again
      // and writes them all in one atomic change (POST /api/v1/servers/import).
      const parsed = parseServerImport(configJson);
      if (!parsed.ok) throw new SwitchboardApiError('bad_request', parsed.error);
      return rest.request<{ added: string[]; skipped: string[] }>(
        'POST',
        '/api/v1/servers/import',
        JSON.parse(configJson),
      );
    },

    getPolicies: () => rest.request<PolicyRule[]>('GET', '/api/v1/policies'),
    setPolicies: (rules) => rest.request<PolicyRule[]>('PUT', '/api/v1/policies', rules),

    listTokens: () => rest.request<McpTokenInfo[]>('GET', '/api/v1/settings/mcp-tokens'),
    createToken: (name) =>
      rest.request<CreatedMcpToken>('POST', '/api/v1/settings/mcp-tokens', { name }),
    async revokeToken(id) {
      await rest.request('DELETE', `/api/v1/settings/mcp-tokens/${enc(id)}`);
    },

    listApprovals: () => rest.request<PendingRequest[]>('GET', '/api/v1/approvals'),
    decideApproval: (id, decision) =>
      rest.request<PendingRequest>('POST', `/api/v1/approvals/${enc(id)}`, { decision }),

    getSettings: () => rest.request<ActivitySettings>('GET', '/api/v1/settings'),
    updateSettings: (patch) => rest.request<ActivitySettings>('PATCH', '/api/v1/settings', patch),

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
