import type { IpcRendererLike } from '../../src/preload/createPreloadApi';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer double: records invokes and sends, answers invokes with `respond`, and emits pushes. */
export function fakeIpcRenderer(
  respond: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: null }),
) {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const sent: { channel: string; args: unknown[] }[] = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return respond(channel, args);
    },
    send: (channel, ...args) => {
      sent.push({ channel, args });
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
  return {
    ipc,
    invoked,
    sent,
    emit(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'main' }, ...args);
    },
    listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
}
