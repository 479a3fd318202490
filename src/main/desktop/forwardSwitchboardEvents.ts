/**
 * Pushes core events to the window. Records are sent in arrays, one IPC message per turn of the
 * event loop: the recorder publishes a whole committed batch synchronously, so under load one
 * message carries hundreds of records instead of hundreds of messages, at no added latency.
 * "Servers changed" is coalesced, since a reconnect or a config edit fires several changes at once.
 */
import type { ActivityEvent } from '../../shared/activity';
import { EVENT_CHANNELS } from '../../shared/ipc';
import type { Switchboard } from '../core/switchboard';

export type SendToRenderer = (channel: string, ...args: unknown[]) => void;

export const SERVERS_CHANGED_COALESCE_MS = 50;

export function forwardSwitchboardEvents(
  switchboard: Pick<Switchboard, 'events' | 'upstreams' | 'config' | 'approvals'>,
  send: SendToRenderer,
): () => void {
  let serversTimer: ReturnType<typeof setTimeout> | null = null;
  let pendingRecords: ActivityEvent[] = [];
  let recordsFlush: ReturnType<typeof setImmediate> | null = null;
  const flushRecords = (): void => {
    recordsFlush = null;
    const events = pendingRecords;
    pendingRecords = [];
    send(EVENT_CHANNELS.onDidRecordActivity, events);
  };
  const serversChanged = (): void => {
    if (serversTimer) return;
    serversTimer = setTimeout(() => {
      serversTimer = null;
      send(EVENT_CHANNELS.onDidChangeServers);
    }, SERVERS_CHANGED_COALESCE_MS);
  };
  const unsubscribers = [
    switchboard.events.subscribe((event) => {
      pendingRecords.push(event);
      recordsFlush ??= setImmediate(flushRecords);
    }),
    switchboard.upstreams.onDidChange(serversChanged),
    switchboard.config.onDidChange(serversChanged),
    switchboard.approvals.onDidChange((event) => send(EVENT_CHANNELS.onDidChangeApprovals, event)),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (serversTimer) clearTimeout(serversTimer);
    if (recordsFlush) clearImmediate(recordsFlush);
  };
}
