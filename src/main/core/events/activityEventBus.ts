import type { ActivityEvent } from '../../../shared/activity';

export type ActivityListener = (event: ActivityEvent) => void;

/**
 * In-process fan-out of committed records (and call starts) to SSE, IPC, the tray and notifiers.
 * A throwing listener is isolated so one broken subscriber cannot starve the others.
 */
export interface ActivityEventBus {
  publish(event: ActivityEvent): void;
  subscribe(listener: ActivityListener): () => void;
  readonly listenerCount: number;
}

export function createActivityEventBus(
  onListenerError?: (error: unknown) => void,
): ActivityEventBus {
  const listeners = new Set<ActivityListener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onListenerError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
