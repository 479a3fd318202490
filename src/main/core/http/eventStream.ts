/**
 * `GET /events` (SPEC 5, 7): committed records as server-sent events, replay after a reconnect
 * with `Last-Event-ID`, keepalive comments, and protection of the proxy from slow readers.
 *
 * The publish path never waits for a client: a frame is written to the socket's buffer and the
 * buffer's size is checked; a client whose buffer stays over the limit is told why and dropped.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventNameForRecord, type ActivityEvent } from '../../../shared/activity';
import type { ActivityStore } from '../activity/contracts';
import type { PendingRequestRegistry } from '../approvals';
import type { ActivityEventBus } from '../events';
import { parseLastEventId } from './activityQuery';
import type { HttpLog } from './apiDeps';
import {
  CONNECTED_FRAME,
  KEEPALIVE_FRAME,
  formatApprovalFrame,
  formatErrorFrame,
  formatEventFrame,
  matchesEventFilter,
  parseEventStreamFilter,
  type EventStreamFilter,
} from './eventStreamFrames';

export interface EventStreamOptions {
  /** A comment line this often keeps proxies and browsers from timing the stream out. */
  keepAliveMs: number;
  /** Bytes buffered for one client above which it counts as slow. */
  maxBufferedBytes: number;
  /** How long a client may stay over `maxBufferedBytes` before it is dropped (8x the limit drops at once). */
  slowClientGraceMs: number;
  /** Records read from the log per replay step; the event loop gets a turn between steps. */
  replayPageSize: number;
  /** Live events held for a client while its replay runs; more means it cannot keep up. */
  maxPendingEvents: number;
}

export const DEFAULT_EVENT_STREAM_OPTIONS: EventStreamOptions = {
  keepAliveMs: 15_000,
  maxBufferedBytes: 1024 * 1024,
  slowClientGraceMs: 5_000,
  replayPageSize: 500,
  maxPendingEvents: 10_000,
};

const HARD_LIMIT_FACTOR = 8;
/** A dropped client gets this long to read its error event before the socket is destroyed. */
const DROP_LINGER_MS = 2_000;

interface Sources {
  events: ActivityEventBus;
  activity: Pick<ActivityStore, 'committedSince'>;
  /** approval.requested / approval.resolved: state, sent live only (SPEC 10). */
  approvals?: Pick<PendingRequestRegistry, 'onDidChange'>;
}

type FrameOf = () => string;

class EventStreamClient {
  private state: 'replaying' | 'live' | 'closed' = 'replaying';
  private pending: { event: ActivityEvent; frame: FrameOf }[] = [];
  private lastSeq: number;
  private overLimitSince: number | null = null;
  private corked = false;
  private readonly keepAlive: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    private readonly filter: EventStreamFilter,
    lastEventId: number | undefined,
    private readonly options: EventStreamOptions,
    private readonly log: HttpLog,
    private readonly onClose: (client: EventStreamClient) => void,
  ) {
    this.lastSeq = lastEventId ?? -1;
    this.keepAlive = setInterval(() => this.write(KEEPALIVE_FRAME), options.keepAliveMs);
    this.keepAlive.unref();
    res.on('close', () => this.close());
  }

  get closed(): boolean {
    return this.state === 'closed';
  }

  receive(event: ActivityEvent, frame: FrameOf): void {
    if (this.state === 'live') this.deliver(event, frame);
    else if (this.state === 'replaying') {
      this.pending.push({ event, frame });
      if (this.pending.length > this.options.maxPendingEvents) {
        this.drop(
          `more than ${this.options.maxPendingEvents} live events arrived while the replay was still being read`,
        );
      }
    }
  }

  /** Replays what was committed after `fromSeq` from the log itself, then goes live without gap or duplicate. */
  async replay(activity: Sources['activity'], fromSeq: number | undefined): Promise<void> {
    if (fromSeq !== undefined) {
      for (;;) {
        const page = activity.committedSince(this.lastSeq, this.options.replayPageSize);
        for (const stored of page) {
          const event: ActivityEvent = {
            event: eventNameForRecord(stored.record.type),
            seq: stored.seq,
            record: stored.record,
          };
          this.deliver(event, () => formatEventFrame(event));
        }
        if (this.closed || page.length < this.options.replayPageSize) break;
        await this.waitForRoom();
        if (this.closed) return;
      }
    }
    if (this.closed) return;
    this.state = 'live';
    const pending = this.pending;
    this.pending = [];
    for (const { event, frame } of pending) this.deliver(event, frame);
  }

  /** A state event (no `id:`, never replayed) goes out at once, even during a replay. */
  receiveState(frame: string): void {
    if (this.state !== 'closed') this.write(frame);
  }

  private deliver(event: ActivityEvent, frame: FrameOf): void {
    if (event.seq !== null) {
      // Events committed during the replay were read from the log already.
      if (event.seq <= this.lastSeq) return;
      this.lastSeq = event.seq;
    }
    if (matchesEventFilter(event, this.filter)) this.write(frame());
  }

  private write(frame: string): void {
    if (this.closed) return;
    // Under the limit before this write means the client caught up since the last one.
    if (this.res.writableLength <= this.options.maxBufferedBytes) this.overLimitSince = null;
    // The frames of one event-loop turn (a committed chunk publishes many) leave in one write:
    // fewer syscalls here, fewer network reads and tasks in the browser.
    if (!this.corked) {
      this.corked = true;
      this.res.cork();
      setImmediate(() => {
        this.corked = false;
        this.res.uncork();
      });
    }
    this.res.write(frame);
    this.checkBuffer();
  }

  private checkBuffer(): void {
    const buffered = this.res.writableLength;
    const limit = this.options.maxBufferedBytes;
    if (buffered <= limit) {
      this.overLimitSince = null;
      return;
    }
    const now = Date.now();
    this.overLimitSince ??= now;
    if (
      buffered > limit * HARD_LIMIT_FACTOR ||
      now - this.overLimitSince >= this.options.slowClientGraceMs
    ) {
      const mib = (limit / (1024 * 1024)).toFixed(limit % (1024 * 1024) === 0 ? 0 : 2);
      this.drop(
        `this client read events too slowly (over ${mib} MiB waiting to be sent), so Switchboard closed the stream to keep the proxy fast; reconnect with Last-Event-ID to resume`,
      );
    }
  }

  /** Replay only (never the publish path): waits while the socket buffer is over the limit. */
  private async waitForRoom(): Promise<void> {
    if (this.res.writableLength <= this.options.maxBufferedBytes) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  drop(reason: string): void {
    if (this.closed) return;
    this.log(`SSE client dropped: ${reason}`);
    // The connection goes too (not back to keep-alive): whatever it still buffers is freed.
    const socket = this.res.socket;
    this.res.end(formatErrorFrame(reason), () => socket?.end());
    this.close();
    setTimeout(() => socket?.destroy(), DROP_LINGER_MS).unref();
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.pending = [];
    clearInterval(this.keepAlive);
    if (!this.res.writableEnded) this.res.end();
    this.onClose(this);
  }
}

export class EventStreamHub {
  private readonly clients = new Set<EventStreamClient>();
  private unsubscribe: (() => void) | null = null;
  private unsubscribeApprovals: (() => void) | null = null;

  constructor(
    private readonly sources: Sources,
    private readonly options: EventStreamOptions,
    private readonly log: HttpLog,
  ) {}

  get clientCount(): number {
    return this.clients.size;
  }

  /** Validates the request (throws QueryParamError before anything is written), then streams until the client leaves. */
  open(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const filter = parseEventStreamFilter(url.searchParams);
    const header = req.headers['last-event-id'];
    const lastEventId =
      parseLastEventId(Array.isArray(header) ? header[0] : header, 'Last-Event-ID') ??
      parseLastEventId(url.searchParams.get('last_event_id') ?? undefined);

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
    });
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);

    const client = new EventStreamClient(
      res,
      filter,
      lastEventId,
      this.options,
      this.log,
      (closed) => {
        this.clients.delete(closed);
        if (this.clients.size === 0) this.stopListening();
      },
    );
    // Subscribe before reading the replay, so nothing committed in between is missed.
    this.clients.add(client);
    this.startListening();
    res.write(CONNECTED_FRAME);
    client.replay(this.sources.activity, lastEventId).catch((error: unknown) => {
      this.log('SSE replay failed', error);
      client.drop('the replay of missed events failed; reconnect to try again');
    });
  }

  closeAll(): void {
    for (const client of [...this.clients]) client.close();
  }

  private startListening(): void {
    if (this.unsubscribe !== null) return;
    this.unsubscribe = this.sources.events.subscribe((event) => {
      let frame: string | undefined;
      // One JSON encoding per event, shared by every client that wants it.
      const frameOf = (): string => (frame ??= formatEventFrame(event));
      for (const client of this.clients) client.receive(event, frameOf);
    });
    this.unsubscribeApprovals =
      this.sources.approvals?.onDidChange((event) => {
        const frame = formatApprovalFrame(event);
        for (const client of this.clients) client.receiveState(frame);
      }) ?? null;
  }

  private stopListening(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.unsubscribeApprovals?.();
    this.unsubscribeApprovals = null;
  }
}
