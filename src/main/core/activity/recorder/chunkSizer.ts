/**
 * How many records the record queue's next chunk may take. Two measurements adapt it: the time
 * a whole chunk took (prepare + commit) against `chunkBudgetMs`, and, with the worker, what this
 * thread alone spent per row (preparing and posting), held near MAIN_THREAD_BUDGET_MS. Both keep
 * a single chunk's stall short; a record that is overdue for the crash window lifts them.
 */

/** How large one chunk may be: inline, a commit blocks this thread; in the worker it does not. */
export interface ChunkLimits {
  maxBatchRows: number;
  maxBatchBytes: number;
  chunkBudgetMs: number;
  minChunkRows: number;
}

// With the worker, preparing and handing over a chunk is what this thread still does in one go:
// its measured cost per row caps a chunk so that part stays near 4 ms.
const MAIN_THREAD_BUDGET_MS = 4;
const INITIAL_CHUNK_ROWS = 200;

export interface ChunkSizerOptions {
  /** Read per chunk: a worker writer that cannot load falls back to this thread for good. */
  limits: () => ChunkLimits;
  offThread: () => boolean;
  /**
   * The adaptive caps split a backlog into many round trips, and records waited 300 ms and more
   * for their turn: more than a SIGKILL may lose (SPEC 5). A record queued this long ago makes
   * the chunk take everything up to the hard caps, one longer stall for the bound.
   */
  overdueMs: number;
}

export class ChunkSizer {
  private chunkRows: number;
  private mainMsPerRow = 0;

  constructor(private readonly options: ChunkSizerOptions) {
    this.chunkRows = Math.min(INITIAL_CHUNK_ROWS, options.limits().maxBatchRows);
  }

  /** Rows for the next chunk, given how long its oldest record has waited. */
  rowsFor(oldestAgeMs: number): number {
    const { maxBatchRows } = this.options.limits();
    if (oldestAgeMs >= this.options.overdueMs) return maxBatchRows;
    const mainThreadCap =
      this.options.offThread() && this.mainMsPerRow > 0
        ? Math.max(1, Math.floor(MAIN_THREAD_BUDGET_MS / this.mainMsPerRow))
        : this.chunkRows;
    return Math.min(this.chunkRows, maxBatchRows, mainThreadCap);
  }

  /** What this thread spent on a chunk before handing it over (a moving average per row). */
  observeHandOff(rows: number, ms: number): void {
    const perRow = ms / rows;
    this.mainMsPerRow = this.mainMsPerRow === 0 ? perRow : 0.8 * this.mainMsPerRow + 0.2 * perRow;
  }

  /** Multiplicative adjustment towards chunkBudgetMs; grows only when the cap was what bound. */
  observeCommit(rows: number, elapsedMs: number): void {
    const { chunkBudgetMs, minChunkRows, maxBatchRows } = this.options.limits();
    if (elapsedMs > chunkBudgetMs) {
      this.chunkRows = Math.max(minChunkRows, Math.floor((rows * chunkBudgetMs) / elapsedMs));
    } else if (rows >= this.chunkRows && elapsedMs < chunkBudgetMs / 2) {
      this.chunkRows = Math.min(maxBatchRows, Math.ceil(this.chunkRows * 1.5));
    }
  }
}
