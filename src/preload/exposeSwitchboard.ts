/**
 * Puts the API on `window.switchboard` across contextIsolation. Two things do not survive
 * `contextBridge` as they are: a thrown error keeps only its `message` (our `code` would be lost),
 * and an AbortSignal does not reach the isolated world at all. So the isolated side answers with
 * results as data, and a small function run in the page's world (`executeInMainWorld`) turns them
 * back into SwitchboardApiError and wraps the page's AbortSignal in a plain object that crosses.
 */
import type { BridgeError, SwitchboardApi } from '../shared/api';
import { SwitchboardApiError } from '../shared/api';
import type { IpcResult } from '../shared/ipc';
import { INVOKE_METHODS } from '../shared/ipc';

/** The part of Electron's `contextBridge` used here. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
  executeInMainWorld?(script: { func: (...args: never[]) => unknown; args?: unknown[] }): unknown;
}

type BridgeFunction = (...args: unknown[]) => unknown;
export type BridgeSafeApi = Record<string, BridgeFunction>;

function toBridgeError(error: unknown): BridgeError {
  if (error instanceof SwitchboardApiError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Request methods resolve to `IpcResult` instead of rejecting; subscriptions pass through. */
export function toBridgeSafeApi(api: SwitchboardApi): BridgeSafeApi {
  const safe: BridgeSafeApi = {};
  const requestMethods = new Set<string>(INVOKE_METHODS);
  for (const [key, value] of Object.entries(api) as [string, unknown][]) {
    if (typeof value !== 'function') continue;
    const method = value as BridgeFunction;
    safe[key] = requestMethods.has(key)
      ? async (...args: unknown[]): Promise<IpcResult<unknown>> => {
          try {
            return { ok: true, value: await method(...args) };
          } catch (error) {
            return { ok: false, error: toBridgeError(error) };
          }
        }
      : method;
  }
  return safe;
}

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

export function exposeSwitchboard(contextBridge: ContextBridgeLike, api: SwitchboardApi): void {
  if (typeof contextBridge.executeInMainWorld === 'function') {
    contextBridge.executeInMainWorld({
      func: installSwitchboardInMainWorld,
      args: [toBridgeSafeApi(api), [...INVOKE_METHODS]],
    });
    return;
  }
  // Electron without executeInMainWorld: errors arrive with their message only.
  contextBridge.exposeInMainWorld('switchboard', api);
}
