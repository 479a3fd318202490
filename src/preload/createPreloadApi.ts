/**
 * Builds the SwitchboardApi over IPC from the channel table (src/shared/ipc.ts). Takes the
 * `ipcRenderer` it talks through, so tests feed it a fake one.
 *
 * An answer of the main process is an IpcResult (data: an error crosses contextIsolation only
 * that way) and is turned into a value or a SwitchboardApiError once, where the page calls:
 * `createIpcResultApi` leaves each answer as the IpcResult it came as, for the page's world to
 * convert (exposeSwitchboard.ts); `createPreloadApi` converts it here, for a caller in this world.
 */
import type { ExportProgress, ExportRequest, ExportResult, SwitchboardApi } from '../shared/api';
import { SwitchboardApiError } from '../shared/api';
import type { ActivityEvent } from '../shared/activity';
import type { ApprovalEvent } from '../shared/approvals';
import type { RuleFromRecordRequest } from '../shared/ruleFromRecord';
import type { IpcResult, SwitchboardInvokeMethod } from '../shared/ipc';
import {
  EVENT_CHANNELS,
  EXPORT_ABORT_CHANNEL,
  INVOKE_CHANNELS,
  INVOKE_METHODS,
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

type Request = (...args: unknown[]) => Promise<IpcResult<unknown>>;
type Subscriptions = Omit<SwitchboardApi, SwitchboardInvokeMethod>;

/** Request methods resolve to the main process's IpcResult (never reject); subscriptions as is. */
export type IpcResultApi = Record<SwitchboardInvokeMethod, Request> & Subscriptions;

function internal(message: string): IpcResult<never> {
  return { ok: false, error: { code: 'internal', message } };
}

export function createIpcResultApi(
  ipc: IpcRendererLike,
  options: PreloadApiOptions = {},
): IpcResultApi {
  const newExportId = options.newExportId ?? randomExportId;

  async function invoke(
    method: SwitchboardInvokeMethod,
    ...args: unknown[]
  ): Promise<IpcResult<unknown>> {
    let result: unknown;
    try {
      result = await ipc.invoke(INVOKE_CHANNELS[method], ...args);
    } catch (error) {
      // Electron rejects when the main process has no handler or the handler threw.
      return internal(`${method}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!isIpcResult(result)) {
      return internal(
        `${method}: the main process answered with something that is not an IPC result; restart Switchboard.`,
      );
    }
    return result;
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
    request: unknown,
    onProgress: unknown,
    signal?: unknown,
  ): Promise<IpcResult<unknown>> {
    const abort = signal as AbortSignalLike | undefined;
    if (abort?.aborted) return { ok: true, value: { status: 'cancelled' } satisfies ExportResult };
    const exportId = newExportId();
    const unsubscribe = subscribe<[ExportProgress]>(
      exportProgressChannel(exportId),
      onProgress as (progress: ExportProgress) => void,
    );
    abort?.addEventListener('abort', () => ipc.send(EXPORT_ABORT_CHANNEL, exportId));
    try {
      return await invoke('exportActivity', exportId, request as ExportRequest);
    } finally {
      unsubscribe();
    }
  }

  const requests = Object.fromEntries(
    INVOKE_METHODS.map((method) => [
      method,
      method === 'exportActivity'
        ? exportActivity
        : (...args: unknown[]) => invoke(method, ...args),
    ]),
  ) as Record<SwitchboardInvokeMethod, Request>;

  const subscriptions: Subscriptions = {
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
    onDidRequestOpenPendingRequest: (listener) =>
      subscribe<[string]>(EVENT_CHANNELS.onDidRequestOpenPendingRequest, listener),
    onDidRequestToolDiff: (listener) =>
      subscribe<[{ server: string; tool: string }]>(EVENT_CHANNELS.onDidRequestToolDiff, listener),
    onDidRequestRuleFromRecord: (listener) =>
      subscribe<[RuleFromRecordRequest]>(EVENT_CHANNELS.onDidRequestRuleFromRecord, listener),
  };
  return { ...requests, ...subscriptions };
}

/** The SwitchboardApi in this world: each IpcResult becomes its value or a SwitchboardApiError. */
export function createPreloadApi(
  ipc: IpcRendererLike,
  options: PreloadApiOptions = {},
): SwitchboardApi {
  const results = createIpcResultApi(ipc, options);
  const api: Record<string, unknown> = { ...results };
  for (const method of INVOKE_METHODS) {
    api[method] = async (...args: unknown[]) => {
      const result = await results[method](...args);
      if (!result.ok) throw new SwitchboardApiError(result.error.code, result.error.message);
      return result.value;
    };
  }
  return api as unknown as SwitchboardApi;
}
