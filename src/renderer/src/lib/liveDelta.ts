/**
 * Live records are buffered and applied in one batch per animation frame, so a burst of a
 * thousand calls costs one render, not a thousand. The buffer also watches the commit sequence:
 * a jump means events were missed (a dropped connection, a replay window exceeded) and the list
 * must refetch its head by cursor.
 */
import type { ActivityEvent, ActivityRecord } from '../../../shared/activity';

export type SeqCheck = 'next' | 'gap' | 'reset' | 'duplicate';

/** Compares an arriving commit sequence with the last one applied. */
export function checkSeq(lastSeq: number | null, seq: number): SeqCheck {
  if (lastSeq === null) return 'next';
  if (seq === lastSeq + 1) return 'next';
  if (seq > lastSeq + 1) return 'gap';
  // The log was cleared and the sequence restarted, or a replay repeated what we have.
  return seq <= 0 || lastSeq - seq > 1000 ? 'reset' : 'duplicate';
}

export interface LiveDelta {
  /** Committed records in arrival order, deduplicated by id. */
  records: ActivityRecord[];
  /** Calls that started and have not completed within this delta. */
  started: ActivityRecord[];
  /** Ids of calls that completed (to clear them from the running set). */
  completedIds: string[];
  /** Set when a sequence jump was seen: the list should refetch its head. */
  gap: boolean;
  /** Set when the sequence went backwards: the log was cleared. */
  reset: boolean;
  lastSeq: number | null;
}

export class LiveDeltaBuffer {
  private records = new Map<string, ActivityRecord>();
  private started = new Map<string, ActivityRecord>();
  private completedIds = new Set<string>();
  private gap = false;
  private reset = false;

  constructor(private lastSeq: number | null = null) {}

  get size(): number {
    return this.records.size + this.started.size + this.completedIds.size;
  }

  get hasPending(): boolean {
    return this.size > 0 || this.gap || this.reset;
  }

  push(event: ActivityEvent): void {
    if (event.event === 'activity.tool_call.started') {
      if (!this.completedIds.has(event.record.id)) this.started.set(event.record.id, event.record);
      return;
    }
    if (event.seq !== null) {
      const check = checkSeq(this.lastSeq, event.seq);
      if (check === 'duplicate') return;
      if (check === 'gap') this.gap = true;
      if (check === 'reset') {
        this.reset = true;
        this.records.clear();
      }
      this.lastSeq = event.seq;
    }
    this.records.set(event.record.id, event.record);
    this.started.delete(event.record.id);
    this.completedIds.add(event.record.id);
  }

  /** Everything gathered since the last drain; the buffer starts empty again. */
  drain(): LiveDelta {
    const delta: LiveDelta = {
      records: [...this.records.values()],
      started: [...this.started.values()],
      completedIds: [...this.completedIds],
      gap: this.gap,
      reset: this.reset,
      lastSeq: this.lastSeq,
    };
    this.records = new Map();
    this.started = new Map();
    this.completedIds = new Set();
    this.gap = false;
    this.reset = false;
    return delta;
  }

  /** After a refetch the caller knows the newest sequence it has caught up to. */
  resetSeq(seq: number | null): void {
    this.lastSeq = seq;
  }
}
