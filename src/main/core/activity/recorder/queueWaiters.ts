/**
 * Who waits on the record queue: calls held by admit() above the high-water mark (released
 * together once the queue is below it), and flush() callers (each released once the records
 * queued before its call are settled).
 */
export class QueueWaiters {
  private admits: (() => void)[] = [];
  private flushes: { target: number; resolve: () => void }[] = [];

  untilAdmitted(): Promise<void> {
    return new Promise((resolve) => this.admits.push(resolve));
  }

  admitAll(): void {
    if (this.admits.length === 0) return;
    const admitted = this.admits;
    this.admits = [];
    for (const resolve of admitted) resolve();
  }

  /** Resolves once settleFlushes() reports `target` or more records settled. */
  untilSettled(target: number): Promise<void> {
    return new Promise((resolve) => this.flushes.push({ target, resolve }));
  }

  settleFlushes(settled: number): void {
    if (this.flushes.length === 0) return;
    const ready = this.flushes.filter((w) => w.target <= settled);
    this.flushes = this.flushes.filter((w) => w.target > settled);
    for (const waiter of ready) waiter.resolve();
  }
}
