/** The delay before retrying a failed write: doubles from `baseMs` up to `maxMs`, reset by a success. */
export class RetryBackoff {
  /** The current delay; 0 when the last write succeeded. */
  delayMs = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs = 5000,
  ) {}

  /** True between a failure and the next success. */
  get retrying(): boolean {
    return this.delayMs > 0;
  }

  /** A write failed: the delay before the next attempt. */
  failed(): number {
    this.delayMs = Math.min(this.delayMs === 0 ? this.baseMs : this.delayMs * 2, this.maxMs);
    return this.delayMs;
  }

  succeeded(): void {
    this.delayMs = 0;
  }
}
