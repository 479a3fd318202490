/**
 * Pushes core events to the window: every committed record (and call start) as it is published,
 * and "servers changed" coalesced, since a reconnect or a config edit fires several changes at once.
 */
import { EVENT_CHANNELS } from '../../shared/ipc';
import type { Switchboard } from '../core/switchboard';

export type SendToRenderer = (channel: string, ...args: unknown[]) => void;

export const SERVERS_CHANGED_COALESCE_MS = 50;

export function forwardSwitchboardEvents(
  switchboard: Pick<Switchboard, 'events' | 'upstreams' | 'config'>,
  send: SendToRenderer,
): () => void {
  let serversTimer: ReturnType<typeof setTimeout> | null = null;
  const serversChanged = (): void => {
    if (serversTimer) return;
    serversTimer = setTimeout(() => {
      serversTimer = null;
      send(EVENT_CHANNELS.onDidChangeServers);
    }, SERVERS_CHANGED_COALESCE_MS);
  };
  const unsubscribers = [
    switchboard.events.subscribe((event) => send(EVENT_CHANNELS.onDidRecordActivity, event)),
    switchboard.upstreams.onDidChange(serversChanged),
    switchboard.config.onDidChange(serversChanged),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (serversTimer) clearTimeout(serversTimer);
  };
}
