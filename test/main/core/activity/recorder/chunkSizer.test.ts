import { describe, expect, it } from 'vitest';
import {
  ChunkSizer,
  type ChunkLimits,
} from '../../../../../src/main/core/activity/recorder/chunkSizer';

const LIMITS: ChunkLimits = {
  maxBatchRows: 5000,
  maxBatchBytes: 1024 * 1024,
  chunkBudgetMs: 10,
  minChunkRows: 50,
};

function sizer(offThread = false): ChunkSizer {
  return new ChunkSizer({ limits: () => LIMITS, offThread: () => offThread, overdueMs: 75 });
}

describe('ChunkSizer', () => {
  it('starts at 200 rows, shrinks towards the budget and grows when the cap bound', () => {
    const chunks = sizer();
    expect(chunks.rowsFor(0)).toBe(200);
    chunks.observeCommit(200, 40);
    expect(chunks.rowsFor(0)).toBe(50);
    chunks.observeCommit(50, 1);
    expect(chunks.rowsFor(0)).toBe(75);
    // A chunk that did not fill the cap says nothing about a larger one.
    chunks.observeCommit(10, 1);
    expect(chunks.rowsFor(0)).toBe(75);
  });

  it("off the thread, caps a chunk by this thread's measured cost per row", () => {
    const chunks = sizer(true);
    chunks.observeHandOff(100, 20); // 0.2 ms a row: 4 ms is 20 rows
    expect(chunks.rowsFor(0)).toBe(20);
    expect(sizer(false).rowsFor(0)).toBe(200);
  });

  it('lifts the adaptive caps for an overdue record (SPEC 5 crash window)', () => {
    const chunks = sizer(true);
    chunks.observeHandOff(100, 20);
    expect(chunks.rowsFor(74)).toBe(20);
    expect(chunks.rowsFor(75)).toBe(5000);
  });
});
