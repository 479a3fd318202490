import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ActivityQueryError,
  createActivityStore,
  type ActivityStore,
} from '../../../../../src/main/core/activity';
import {
  createInlineReads,
  createReaderPool,
  READER_EXITED,
  type ActivityReads,
} from '../../../../../src/main/core/activity/readers';
import type { ActivityFilter, ActivityRecord } from '../../../../../src/shared/activity';
import { CRASHING_READER_WORKER_SOURCE, READER_WORKER_SOURCE } from '../../../../support/workers';
import { databaseWith, makeRecord, type TempDatabase } from '../activityFixtures';

const NOW = new Date('2026-11-23T12:00:00.000Z');

function recordAt(i: number): ActivityRecord {
  const status = i % 7 === 0 ? 'error' : 'success';
  return makeRecord(
    {
      server_name: ['github', 'filesystem'][i % 2] ?? null,
      tool_name: ['search', 'read_file', 'write_file'][i % 3] ?? null,
      status,
      error_kind: status === 'error' ? 'tool_error' : null,
      error_message: status === 'error' ? `failure number ${i}` : null,
      arguments: { query: i % 10 === 0 ? `kubernetes pod ${i}` : `ordinary words ${i}` },
    },
    NOW.getTime() - 2 * 3600_000 + i * 30_000,
  );
}

let temp: TempDatabase;
let store: ActivityStore;
const records: ActivityRecord[] = [];

beforeAll(async () => {
  for (let i = 0; i < 200; i++) records.push(recordAt(i));
  temp = await databaseWith(records);
  store = createActivityStore(temp.db);
});
afterAll(() => temp.cleanup());

const FILTERS: ActivityFilter[] = [
  {},
  { server: 'github' },
  { status: ['error'] },
  { q: 'kubernetes' },
  { tool: 'search', server: 'filesystem' },
];

async function sameAnswersAsTheStore(reads: ActivityReads): Promise<void> {
  for (const filter of FILTERS) {
    expect(await reads.list({ ...filter, limit: 20 })).toEqual(
      store.list({ ...filter, limit: 20 }),
    );
    expect(await reads.summary('24h', filter, NOW)).toEqual(store.summary('24h', filter, NOW));
  }
  const first = store.list({ limit: 5 });
  const cursor = first.next_cursor ?? undefined;
  expect(await reads.list({ limit: 5, cursor })).toEqual(store.list({ limit: 5, cursor }));
  const id = records[17]?.id ?? '';
  expect(await reads.get(id)).toEqual(store.get(id));
  expect(await reads.get('no-such-record')).toBeNull();
}

describe('reader pool', () => {
  it('answers list, detail, summary and full text as the store does, on worker threads', async () => {
    const answeredOn = new Set<number>();
    const pool = createReaderPool({
      entry: READER_WORKER_SOURCE,
      file: temp.file,
      log: () => {},
      onAnswered: (answer) => answeredOn.add(answer.threadId),
    });
    try {
      await sameAnswersAsTheStore(pool);
      // Concurrent requests spread over both readers; none ran on this thread.
      await Promise.all(FILTERS.map((filter) => pool.summary('30d', filter, NOW)));
      expect(answeredOn.size).toBe(2);
      expect(answeredOn.has(threadId)).toBe(false);
    } finally {
      await pool.close();
    }
  });

  it('brings a query error back as the error naming the parameter', async () => {
    const pool = createReaderPool({ entry: READER_WORKER_SOURCE, file: temp.file, log: () => {} });
    try {
      const failed = pool.list({ limit: 1000 });
      await expect(failed).rejects.toBeInstanceOf(ActivityQueryError);
      await expect(failed).rejects.toMatchObject({
        parameter: 'limit',
        message: 'limit: expected an integer from 1 to 100, got 1000',
      });
      await expect(pool.list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
        name: 'ActivityQueryError',
        parameter: 'cursor',
      });
      // The reader that failed keeps answering.
      expect((await pool.list({ limit: 1 })).activities).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });

  it('replaces a reader worker that crashed; only its own request fails', async () => {
    const logged: string[] = [];
    const threads: number[] = [];
    const pool = createReaderPool({
      entry: CRASHING_READER_WORKER_SOURCE,
      file: temp.file,
      size: 1,
      log: (message) => logged.push(message),
      onAnswered: (answer) => threads.push(answer.threadId),
    });
    try {
      await pool.list({ limit: 1 });
      await expect(pool.get('crash-this-reader')).rejects.toMatchObject({ code: READER_EXITED });
      expect(await pool.list({ limit: 3 })).toEqual(store.list({ limit: 3 }));
      expect(threads).toHaveLength(2);
      expect(threads[1]).not.toBe(threads[0]);
    } finally {
      await pool.close();
    }
  });

  it('logs a read over the threshold with each statement and its plan', async () => {
    const logged: string[] = [];
    const reads = createInlineReads({
      file: temp.file,
      onSlow: (report) => logged.push(report),
      slowReadMs: 0,
    });
    try {
      await reads.list({ server: 'github', limit: 5 });
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^switchboard: slow read list took \d+\.\d ms/);
      expect(logged[0]).toMatch(/ms: SELECT .* FROM activity .*'github'/);
      expect(logged[0]).toMatch(/plan: .*(SEARCH|SCAN) activity/);
    } finally {
      await reads.close();
    }
  });

  it('answers as the store does on this thread when there is no worker entry', async () => {
    const reads = createInlineReads({ file: temp.file, onSlow: () => {} });
    try {
      await sameAnswersAsTheStore(reads);
    } finally {
      await reads.close();
    }
  });

  it('starts every reader before any read with startAtOnce, and answers as the store does', async () => {
    const ready: number[] = [];
    const answeredOn = new Set<number>();
    const pool = createReaderPool({
      entry: READER_WORKER_SOURCE,
      file: temp.file,
      log: () => {},
      startAtOnce: true,
      onReady: (reader) => ready.push(reader.threadId),
      onAnswered: (answer) => answeredOn.add(answer.threadId),
    });
    try {
      await vi.waitFor(() => expect(ready).toHaveLength(2), { timeout: 10_000 });
      await sameAnswersAsTheStore(pool);
      // The reads went to the readers already started: no third one.
      expect(ready).toHaveLength(2);
      for (const thread of answeredOn) expect(ready).toContain(thread);
    } finally {
      await pool.close();
    }
  });

  it('rejects requests after close', async () => {
    const pool = createReaderPool({ entry: READER_WORKER_SOURCE, file: temp.file, log: () => {} });
    await pool.list({ limit: 1 });
    await pool.close();
    await expect(pool.list({ limit: 1 })).rejects.toMatchObject({ code: READER_EXITED });
  });
});
