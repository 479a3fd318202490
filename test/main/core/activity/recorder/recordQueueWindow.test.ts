/**
 * SPEC 5's crash window: a record waits at most about the batch window (100 ms) before its
 * commit starts, even when the adaptive chunk cap has shrunk and a backlog has formed: once the
 * oldest queued record is overdue, the next chunk takes the whole backlog (up to the hard caps).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createInlineRowWriter, createRecordQueue } from '../../../../../src/main/core/activity';
import type { RecordQueue } from '../../../../../src/main/core/activity';
import { createActivityEventBus } from '../../../../../src/main/core/events';
import { DEFAULT_SETTINGS, makeRecord, tempDatabase, type TempDatabase } from '../activityFixtures';

const COMMIT_MS = 15;

let temp: TempDatabase;
let queue: RecordQueue | null = null;
afterEach(async () => {
  await queue?.close();
  queue = null;
  temp?.cleanup();
});

/** Holds the thread as a slow disk or a checkpoint would. */
function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('the record queue under a backlog', () => {
  it('commits a backlog in a few chunks once its oldest record is overdue', async () => {
    temp = tempDatabase();
    const inline = createInlineRowWriter(temp.db);
    const rowsPerCommit: number[] = [];
    queue = createRecordQueue({
      db: temp.db,
      writer: {
        ...inline,
        insertRows: (rows) => {
          busyWait(COMMIT_MS);
          rowsPerCommit.push(rows.length);
          return inline.insertRows(rows);
        },
      },
      bus: createActivityEventBus(),
      settings: () => DEFAULT_SETTINGS,
      intervalMs: 20,
      // Every chunk is over budget: the adaptive cap falls to its floor of 10 rows.
      chunkBudgetMs: 1,
      minChunkRows: 10,
    });
    for (let warmUp = 0; warmUp < 2; warmUp++) {
      for (let i = 0; i < 200; i++) queue.enqueue(makeRecord());
      await queue.flush();
    }
    rowsPerCommit.length = 0;

    for (let i = 0; i < 500; i++) queue.enqueue(makeRecord());
    await queue.flush();
    // At 10 rows a chunk that would be 50 commits, the last record waiting 750 ms.
    expect(rowsPerCommit.reduce((a, b) => a + b, 0)).toBe(500);
    expect(rowsPerCommit.length).toBeLessThanOrEqual(8);
  });
});
