/**
 * The live feed over SSE (`GET /events`). The browser's EventSource reconnects by itself after a
 * dropped connection and sends `Last-Event-ID`, so the server replays what was committed in
 * between. When it gives up (an HTTP error), we open a new one with backoff, passing the last
 * sequence seen as `last_event_id` so the replay still covers the outage; should events still be
 * missed, the list notices the sequence gap and refetches by cursor.
 */
import {
  ACTIVITY_EVENT_NAMES,
  type ActivityEvent,
  type ActivityEventName,
  type ActivityRecord,
} from '../../../shared/activity';
import type { ConnectionState } from '../../../shared/api';
import type { ApprovalEvent, ApprovalEventName, PendingRequest } from '../../../shared/approvals';
import { backoffDelayMs } from '../lib/backoff';

export interface EventStreamHandlers {
  onEvent(event: ActivityEvent): void;
  /** State events: no sequence, never replayed. */
  onApproval(event: ApprovalEvent): void;
  onState(state: ConnectionState): void;
}

export interface EventStream {
  close(): void;
  readonly state: ConnectionState;
}

const APPROVAL_EVENT_NAMES: readonly ApprovalEventName[] = [
  'approval.requested',
  'approval.resolved',
];

export function openEventStream(url: string, handlers: EventStreamHandlers): EventStream {
  let source: EventSource | null = null;
  let state: ConnectionState = 'connecting';
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let lastSeq: number | null = null;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    handlers.onState(next);
  };

  const listen = (name: ActivityEventName) => (message: MessageEvent<string>) => {
    let record: ActivityRecord;
    try {
      record = JSON.parse(message.data) as ActivityRecord;
    } catch {
      return; // A malformed frame is skipped; the next sequence gap triggers a refetch.
    }
    // lastEventId persists across frames, so a call start (never stored, no `id:`) would
    // otherwise carry the previous record's sequence.
    const seq =
      name === 'activity.tool_call.started' || !message.lastEventId
        ? null
        : Number(message.lastEventId);
    const validSeq = seq !== null && Number.isFinite(seq) ? seq : null;
    if (validSeq !== null) lastSeq = validSeq;
    handlers.onEvent({ event: name, seq: validSeq, record });
  };

  const connect = (): void => {
    if (closed) return;
    const resumeUrl =
      lastSeq === null
        ? url
        : `${url}${url.includes('?') ? '&' : '?'}last_event_id=${encodeURIComponent(String(lastSeq))}`;
    const next = new EventSource(resumeUrl, { withCredentials: true });
    source = next;
    next.onopen = () => {
      attempt = 0;
      setState('live');
    };
    next.onerror = (event) => {
      // The server's own `event: error` frames arrive here too; they are not connection errors.
      if (closed || event instanceof MessageEvent) return;
      if (next.readyState === EventSource.CLOSED) {
        next.close();
        setState('reconnecting');
        retryTimer = setTimeout(connect, backoffDelayMs(attempt++));
      } else {
        setState('reconnecting'); // The browser is retrying with Last-Event-ID.
      }
    };
    for (const name of ACTIVITY_EVENT_NAMES) {
      next.addEventListener(name, listen(name) as EventListener);
    }
    for (const name of APPROVAL_EVENT_NAMES) {
      next.addEventListener(name, ((message: MessageEvent<string>) => {
        try {
          handlers.onApproval({ event: name, request: JSON.parse(message.data) as PendingRequest });
        } catch {
          // A malformed frame is skipped; the list is reread on the next reconnect.
        }
      }) as EventListener);
    }
  };

  connect();
  handlers.onState(state);
  return {
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
    },
    get state() {
      return state;
    },
  };
}
