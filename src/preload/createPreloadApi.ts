/**
 * Builds the SwitchboardApi over IPC from the channel table (src/shared/ipc.ts). Takes the
 * `ipcRenderer` it talks through, so tests feed it a fake one.
 */
import type { ExportProgress, ExportRequest, ExportResult, SwitchboardApi } from '../shared/api';
import { SwitchboardApiError } from '../shared/api';
import type { ActivityEvent } from '../shared/activity';
import type { ApprovalEvent } from '../shared/approvals';
import type { RuleFromRecordRequest } from '../shared/ruleFromRecord';
import type { IpcResult, SwitchboardInvokeMethod, InvokeResult } from '../shared/ipc';
import {
  EVENT_CHANNELS,
  EXPORT_ABORT_CHANNEL,
  INVOKE_CHANNELS,
  exportProgressChannel,
} from '../shared/ipc';

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** What `exportActivity` needs of a signal; a real AbortSignal fits. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
}

export interface PreloadApiOptions {
  /** Ids for per-export progress channels; random by default. */
  newExportId?: () => string;
}

function isIpcResult(value: unknown): value is IpcResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return value.ok === true ? 'value' in value : 'error' in value;
}

function randomExportId(): string {
  return globalThis.crypto.randomUUID();
}

export function createPreloadApi(
  ipc: IpcRendererLike,
  options: PreloadApiOptions = {},
): SwitchboardApi {
  const newExportId = options.newExportId ?? randomExportId;

  async function invoke<M extends SwitchboardInvokeMethod>(
    method: M,
    ...args: unknown[]
  ): Promise<InvokeResult<M>> {
    const result = await ipc.invoke(INVOKE_CHANNELS[method], ...args);
    if (!isIpcResult(result)) {
      throw new SwitchboardApiError(
        'internal',
        `${method}: the main process answered with something that is not an IPC result; restart Switchboard.`,
      );
    }
    if (!result.ok) throw new SwitchboardApiError(result.error.code, result.error.message);
    return result.value as InvokeResult<M>;
  }

  function subscribe<T extends unknown[]>(
    channel: string,
    listener: (...args: T) => void,
  ): () => void {
    const onMessage = (_event: unknown, ...args: unknown[]): void => listener(...(args as T));
    ipc.on(channel, onMessage);
    return () => {
      ipc.removeListener(channel, onMessage);
    };
  }

  async function exportActivity(
    request: ExportRequest,
    onProgress: (progress: ExportProgress) => void,
    signal?: AbortSignalLike,
  ): Promise<ExportResult> {
    if (signal?.aborted) return { status: 'cancelled' };
    const exportId = newExportId();
    const unsubscribe = subscribe<[ExportProgress]>(exportProgressChannel(exportId), onProgress);
    signal?.addEventListener('abort', () => ipc.send(EXPORT_ABORT_CHANNEL, exportId));
    try {
      return await invoke('exportActivity', exportId, request);
    } finally {
      unsubscribe();
    }
  }

  return {
    getStatus: () => invoke('getStatus'),
    listActivity: (query) => invoke('listActivity', query),
    getActivity: (id) => invoke('getActivity', id),
    getSummary: (period, filter) => invoke('getSummary', period, filter),
    clearActivity: (scope) => invoke('clearActivity', scope),
    verifyActivity: () => invoke('verifyActivity'),
    exportActivity,
    showInFolder: (path) => invoke('showInFolder', path),
    listServers: () => invoke('listServers'),
    getServerTools: (name) => invoke('getServerTools', name),
    approveTool: (server, tool) => invoke('approveTool', server, tool),
    addServer: (name, entry) => invoke('addServer', name, entry),
    updateServer: (name, patch) => invoke('updateServer', name, patch),
    removeServer: (name) => invoke('removeServer', name),
    serverAction: (name, action) => invoke('serverAction', name, action),
    importServers: (configJson) => invoke('importServers', configJson),
    getPolicies: () => invoke('getPolicies'),
    setPolicies: (rules) => invoke('setPolicies', rules),
    listTokens: () => invoke('listTokens'),
    createToken: (name) => invoke('createToken', name),
    revokeToken: (id) => invoke('revokeToken', id),
    listApprovals: () => invoke('listApprovals'),
    decideApproval: (id, decision) => invoke('decideApproval', id, decision),
    getSettings: () => invoke('getSettings'),
    updateSettings: (patch) => invoke('updateSettings', patch),
    // Main sends records in arrays (one message per event-loop turn); listeners get them one by one.
    onDidRecordActivity: (listener) =>
      subscribe<[ActivityEvent[]]>(EVENT_CHANNELS.onDidRecordActivity, (events) => {
        for (const event of events) listener(event);
      }),
    onDidChangeServers: (listener) => subscribe<[]>(EVENT_CHANNELS.onDidChangeServers, listener),
    // IPC has no connection to lose while the window exists: it is live from the start.
    onDidChangeConnection: (listener) => {
      let subscribed = true;
      queueMicrotask(() => {
        if (subscribed) listener('live');
      });
      return () => {
        subscribed = false;
      };
    },
    onDidChangeApprovals: (listener) =>
      subscribe<[ApprovalEvent]>(EVENT_CHANNELS.onDidChangeApprovals, listener),
    onDidRequestOpenRecord: (listener) =>
      subscribe<[string]>(EVENT_CHANNELS.onDidRequestOpenRecord, listener),
    onDidRequestToolDiff: (listener) =>
      subscribe<[{ server: string; tool: string }]>(EVENT_CHANNELS.onDidRequestToolDiff, listener),
    onDidRequestRuleFromRecord: (listener) =>
      subscribe<[RuleFromRecordRequest]>(EVENT_CHANNELS.onDidRequestRuleFromRecord, listener),
  };
}
