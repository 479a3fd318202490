import type {
  IpcMainEventLike,
  IpcMainLike,
  IpcSenderLike,
} from '../../../src/main/desktop/ipcHandlers';
import type { IpcRendererLike } from '../../../src/preload/createPreloadApi';

type Handler = (event: IpcMainEventLike, ...args: unknown[]) => unknown;
type Listener = (event: IpcMainEventLike, ...args: unknown[]) => void;

/**
 * ipcMain and ipcRenderer doubles joined like Electron joins them, including structured clone of
 * every payload, so a test drives the real preload bridge against the real main-side handlers.
 */
export function fakeIpc(frameUrl: string | null) {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<Listener>>();
  const rendererListeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const sender: IpcSenderLike = {
    send: (channel, ...args) => {
      for (const listener of rendererListeners.get(channel) ?? [])
        listener({}, ...structuredClone(args));
    },
    isDestroyed: () => false,
  };
  const event = (): IpcMainEventLike => ({
    senderFrame: frameUrl === null ? null : { url: frameUrl },
    sender,
  });
  const ipcMain: IpcMainLike = {
    handle: (channel, handler) => {
      if (handlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel) => {
      handlers.delete(channel);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (!handler)
        throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      return structuredClone(await handler(event(), ...structuredClone(args)));
    },
    send: (channel, ...args) => {
      for (const listener of listeners.get(channel) ?? [])
        listener(event(), ...structuredClone(args));
    },
    on: (channel, listener) => {
      const set = rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      rendererListeners.set(channel, set);
    },
    removeListener: (channel, listener) => {
      rendererListeners.get(channel)?.delete(listener);
    },
  };
  return { ipcMain, ipcRenderer, sender, handlers, listeners };
}
