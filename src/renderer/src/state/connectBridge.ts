/**
 * Wires the bridge's live subscriptions to the stores, once, outside React. Records are buffered
 * and applied on an animation frame at most every MIN_INTERVAL_MS; a sequence gap refetches the list head by cursor; a
 * cleared log (sequence restart) reloads the first page.
 */
import type { SwitchboardApi } from '../../../shared/api';
import { newestRow } from '../lib/activityWindow';
import { formatHash } from '../lib/hashRoute';
import { LiveDeltaBuffer } from '../lib/liveDelta';
import { toListRow } from '../lib/recordMatchesFilter';
import { ruleFromRecordHash } from '../lib/ruleFromRecordRoute';
import type { Stores } from './stores';
import { reloadToolsOnPinChange, toolDiffHash } from './toolPinEvents';

/**
 * Live rows land at most this often. At 1,000 records/s a delta per frame meant 60 React commits
 * and layouts a second, each costing about as much as one for a hundred rows; ten a second keep
 * the list as current as anyone can read it and leave the CPU to the rest of the page.
 */
const MIN_INTERVAL_MS = 100;
/** Hidden tabs get no animation frames; this bounds how long a delta can wait for one. */
const MAX_DELAY_MS = 250;
const SERVER_REFRESH_DELAY_MS = 200;

export function connectBridge(api: SwitchboardApi, stores: Stores): () => void {
  const buffer = new LiveDeltaBuffer();
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let intervalTimer: ReturnType<typeof setTimeout> | null = null;
  let lastFlush = -Infinity;
  let serversTimer: ReturnType<typeof setTimeout> | null = null;
  let lastConnection = stores.connection.getState().state;

  const flush = (): void => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
    lastFlush = Date.now();
    const delta = buffer.drain();
    const activity = stores.activity.getState();
    // Taken before this delta lands: the refetch must read back past it to what we had.
    const anchor = newestRow(activity.window);
    if (delta.reset) void activity.reload();
    // Newest commit first, as the list reads (delta records are in arrival order).
    else if (delta.records.length > 0) activity.applyLive(delta.records.map(toListRow).reverse());
    if (delta.gap && !delta.reset) void activity.refetchHead(anchor);
    if (delta.started.length > 0 || delta.completedIds.length > 0) {
      stores.connection.getState().applyRunning(delta.started, delta.completedIds);
    }
  };

  const requestFlush = (): void => {
    intervalTimer = null;
    frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(flush) : null;
    timer = setTimeout(flush, MAX_DELAY_MS);
  };

  const schedule = (): void => {
    if (frame !== null || timer !== null || intervalTimer !== null) return;
    const wait = lastFlush + MIN_INTERVAL_MS - Date.now();
    if (wait > 0) intervalTimer = setTimeout(requestFlush, wait);
    else requestFlush();
  };

  const refreshServers = (): void => {
    if (serversTimer) clearTimeout(serversTimer);
    serversTimer = setTimeout(() => {
      serversTimer = null;
      void stores.servers.getState().refresh();
    }, SERVER_REFRESH_DELAY_MS);
  };

  const unsubscribers = [
    api.onDidRecordActivity((event) => {
      buffer.push(event);
      schedule();
      reloadToolsOnPinChange(event, stores);
    }),
    api.onDidChangeServers(refreshServers),
    api.onDidChangeApprovals((event) => stores.approvals.getState().apply(event)),
    api.onDidChangeConnection((state) => {
      stores.connection.getState().setState(state);
      // Back after an outage: pick up what was committed meanwhile, by cursor from the top.
      if (state === 'live' && lastConnection === 'reconnecting') {
        const activity = stores.activity.getState();
        void activity.refetchHead(newestRow(activity.window));
        refreshServers();
        // Approvals are state, not replayed: reread the list.
        void stores.approvals.getState().load();
      }
      lastConnection = state;
    }),
  ];
  // The desktop shell asks for one record when a blocked-call notification is clicked.
  const stopOpenRequests = api.onDidRequestOpenRecord?.((id) => {
    window.location.hash = formatHash('activity', new URLSearchParams({ id }));
  });
  if (stopOpenRequests) unsubscribers.push(stopOpenRequests);
  // ... and a changed tool's diff when a "Tool changed" notification is clicked.
  const stopToolDiffRequests = api.onDidRequestToolDiff?.(({ server, tool }) => {
    window.location.hash = toolDiffHash(server, tool);
  });
  if (stopToolDiffRequests) unsubscribers.push(stopToolDiffRequests);
  // ... and the rule editor when a notification's "Block this tool" (or Ask, Allow) is chosen.
  const stopRuleRequests = api.onDidRequestRuleFromRecord?.((request) => {
    window.location.hash = ruleFromRecordHash(request);
  });
  if (stopRuleRequests) unsubscribers.push(stopRuleRequests);

  void stores.servers.getState().refresh();
  void stores.tokens.getState().refresh();
  void stores.approvals.getState().load();

  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    if (intervalTimer !== null) clearTimeout(intervalTimer);
    if (serversTimer) clearTimeout(serversTimer);
  };
}
