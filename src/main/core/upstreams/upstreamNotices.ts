/** The upstream notifications the gateway forwards to agents: log messages and resource updates. */
import type { LoggingMessageNotification } from '@modelcontextprotocol/sdk/types.js';

type LogListener = (server: string, params: LoggingMessageNotification['params']) => void;
type UpdateListener = (server: string, uri: string) => void;

export function createUpstreamNotices(onError?: (error: Error, server: string) => void) {
  const logListeners = new Set<LogListener>();
  const updateListeners = new Set<UpdateListener>();

  function each<T>(listeners: Set<T>, server: string, run: (listener: T) => void): void {
    for (const listener of listeners) {
      try {
        run(listener);
      } catch (error) {
        onError?.(error instanceof Error ? error : new Error(String(error)), server);
      }
    }
  }

  return {
    log(server: string, params: LoggingMessageNotification['params']): void {
      each(logListeners, server, (listener) => listener(server, params));
    },
    resourceUpdated(server: string, uri: string): void {
      each(updateListeners, server, (listener) => listener(server, uri));
    },
    onDidLog(listener: LogListener): () => void {
      logListeners.add(listener);
      return () => logListeners.delete(listener);
    },
    onDidUpdateResource(listener: UpdateListener): () => void {
      updateListeners.add(listener);
      return () => updateListeners.delete(listener);
    },
  };
}
