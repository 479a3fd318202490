/**
 * Puts the API on `window.switchboard` across contextIsolation. Two things do not survive
 * `contextBridge` as they are: a thrown error keeps only its `message` (our `code` would be lost),
 * and an AbortSignal does not reach the isolated world at all. So the isolated side hands over
 * the main process's answers as the IpcResults they came as, and a small function run in the
 * page's world (`executeInMainWorld`) turns each into its value or a SwitchboardApiError (the one
 * conversion) and wraps the page's AbortSignal in a plain object that crosses.
 */
import { INVOKE_METHODS } from '../shared/ipc';
import {
  createIpcResultApi,
  createPreloadApi,
  type IpcRendererLike,
  type PreloadApiOptions,
} from './createPreloadApi';

/** The part of Electron's `contextBridge` used here. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
  executeInMainWorld?(script: { func: (...args: never[]) => unknown; args?: unknown[] }): unknown;
}

type BridgeFunction = (...args: unknown[]) => unknown;
export type BridgeSafeApi = Record<string, BridgeFunction>;

/**
 * Runs in the page's world, serialized by `executeInMainWorld`: it must not refer to anything
 * outside its own body (a unit test evaluates its source alone to keep it that way).
 */
export function installSwitchboardInMainWorld(safe: BridgeSafeApi, requestMethods: string[]): void {
  class SwitchboardApiError extends Error {
    readonly code: string;
    constructor(code: string, message: string) {
      super(message);
      this.name = 'SwitchboardApiError';
      this.code = code;
    }
  }
  interface PageSignal {
    aborted: boolean;
    addEventListener(type: 'abort', listener: () => void, options: { once: true }): void;
  }
  const api: Record<string, BridgeFunction> = {};
  for (const key of Object.keys(safe)) {
    const method = safe[key];
    if (typeof method !== 'function') continue;
    if (!requestMethods.includes(key)) {
      api[key] = method;
      continue;
    }
    api[key] = async (...args: unknown[]) => {
      const signal = key === 'exportActivity' ? (args[2] as PageSignal | undefined) : undefined;
      if (signal) {
        args[2] = {
          aborted: signal.aborted,
          addEventListener: (type: 'abort', listener: () => void) =>
            signal.addEventListener(type, listener, { once: true }),
        };
      }
      const result = (await method(...args)) as
        { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
      if (result.ok) return result.value;
      throw new SwitchboardApiError(result.error.code, result.error.message);
    };
  }
  Object.defineProperty(globalThis, 'switchboard', {
    value: Object.freeze(api),
    enumerable: true,
    configurable: false,
    writable: false,
  });
}

export function exposeSwitchboard(
  contextBridge: ContextBridgeLike,
  ipc: IpcRendererLike,
  options: PreloadApiOptions = {},
): void {
  if (typeof contextBridge.executeInMainWorld === 'function') {
    contextBridge.executeInMainWorld({
      func: installSwitchboardInMainWorld,
      args: [createIpcResultApi(ipc, options), [...INVOKE_METHODS]],
    });
    return;
  }
  // Electron without executeInMainWorld: errors are converted here and arrive with their message only.
  contextBridge.exposeInMainWorld('switchboard', createPreloadApi(ipc, options));
}
