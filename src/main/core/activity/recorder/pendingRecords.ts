/**
 * The record queue's memory: records waiting for their chunk, oldest first, with their byte
 * estimate (for the high-water mark and the chunk byte cap) and when they were queued (for the
 * crash-window deadline). Taking is two steps, peek then settle, because a chunk whose write
 * fails stays queued for the retry.
 */
import type { ActivityRecord } from '../../../../shared/activity';

export interface PendingRecord {
  record: ActivityRecord;
  bytes: number;
  /** performance.now() at enqueue. */
  queuedAt: number;
}

/** Bytes a queued record holds, roughly: its bodies plus a fixed cost for the rest. */
export function estimatedBytes(record: ActivityRecord): number {
  return (
    256 +
    (record.request_bytes ?? 0) +
    (record.response?.length ?? 0) +
    (record.error_message?.length ?? 0)
  );
}

/** Settled slots past this many are dropped by copying the rest, once they are half the array. */
const COMPACT_AFTER = 4096;

export class PendingRecords {
  // Settled slots are cleared at once (undefined): a stored record must not keep its untruncated
  // arguments and response alive until the next compaction.
  private slots: (PendingRecord | undefined)[] = [];
  private head = 0;
  private queuedBytes = 0;
  /** Records ever pushed and ever settled: flush() waits for settled to reach a pushed count. */
  pushed = 0;
  settled = 0;

  get count(): number {
    return this.slots.length - this.head;
  }

  get bytes(): number {
    return this.queuedBytes;
  }

  push(record: ActivityRecord, now = performance.now()): void {
    const bytes = estimatedBytes(record);
    this.slots.push({ record, bytes, queuedAt: now });
    this.queuedBytes += bytes;
    this.pushed++;
  }

  /** When the oldest waiting record was queued, or undefined when none waits. */
  oldestQueuedAt(): number | undefined {
    return this.slots[this.head]?.queuedAt;
  }

  /** The oldest records, at most `maxRows` and `maxBytes` (but always one, however large). */
  peek(maxRows: number, maxBytes: number): PendingRecord[] {
    const end = Math.min(this.slots.length, this.head + maxRows);
    let bytes = 0;
    let i = this.head;
    while (i < end && (i === this.head || bytes + (this.slots[i]?.bytes ?? 0) <= maxBytes)) {
      bytes += this.slots[i]?.bytes ?? 0;
      i++;
    }
    return this.slots.slice(this.head, i) as PendingRecord[];
  }

  /** The oldest `n` records are stored or dropped: forget them. */
  settle(n: number): void {
    const end = Math.min(this.slots.length, this.head + n);
    for (let i = this.head; i < end; i++) this.queuedBytes -= this.slots[i]?.bytes ?? 0;
    this.slots.fill(undefined, this.head, end);
    this.settled += end - this.head;
    this.head = end;
    if (this.head === this.slots.length) {
      this.slots = [];
      this.head = 0;
      this.queuedBytes = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
  }
}
