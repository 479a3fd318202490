/**
 * The reader threads' priority (readerThread.ts): on Linux each reader worker names its thread and
 * runs it at a higher nice value than the process, so busy cores go to the thread proxying calls.
 * Checked on the real threads through /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createReaderPool,
  READER_NICE,
  READER_THREAD_NAME,
} from '../../../../../src/main/core/activity/readers';
import { setUpReaderThread } from '../../../../../src/main/core/activity/readers/readerThread';
import { READER_WORKER_SOURCE } from '../../../../support/workers';
import { databaseWith, makeRecord, type TempDatabase } from '../activityFixtures';

let temp: TempDatabase;

beforeAll(async () => {
  temp = await databaseWith(
    Array.from({ length: 20 }, (_, i) => makeRecord({}, Date.now() - i * 60_000)),
  );
});
afterAll(() => temp.cleanup());

/** This process's threads named `name`, with their nice values (field 19 of /proc's stat). */
function threadsNamed(name: string): { tid: number; nice: number }[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (comm !== name) return [];
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [{ tid: Number(tid), nice: Number(fields[16]) }];
  });
}

/** Starts both readers of a pool (two reads at once) and returns what they reported. */
async function startedPool(nice?: number) {
  const ready: { threadId: number; nice: number | null }[] = [];
  const pool = createReaderPool({
    entry: READER_WORKER_SOURCE,
    file: temp.file,
    log: () => {},
    onReady: (reader) => ready.push(reader),
    ...(nice !== undefined ? { nice } : {}),
  });
  await Promise.all([pool.list({ limit: 1 }), pool.list({ limit: 2 })]);
  return { pool, ready };
}

describe.runIf(process.platform === 'linux')('reader threads on Linux', () => {
  it(`run at nice ${READER_NICE} under their name; the calling thread keeps its priority`, async () => {
    const before = getPriority(0);
    const { pool, ready } = await startedPool();
    try {
      expect(ready.map((reader) => reader.nice)).toEqual([READER_NICE, READER_NICE]);
      const readers = threadsNamed(READER_THREAD_NAME);
      expect(readers).toHaveLength(2);
      for (const reader of readers) expect(reader.nice).toBe(READER_NICE);
      expect(getPriority(0)).toBe(before);
      expect(getPriority()).toBe(before);
    } finally {
      await pool.close();
    }
  });

  it('stay at the process priority with nice 0 (what benches compare against)', async () => {
    const { pool, ready } = await startedPool(0);
    try {
      // A process started at a higher nice value keeps it: a thread cannot go below without rights.
      const expected = Math.max(0, getPriority(0));
      expect(ready.map((reader) => reader.nice)).toEqual([expected, expected]);
    } finally {
      await pool.close();
    }
  });
});

describe('reader thread setup', () => {
  it('changes nothing where the call would change the whole process', () => {
    const before = getPriority(0);
    expect(setUpReaderThread(READER_NICE, 'darwin')).toEqual({
      nice: null,
      skipped: 'darwin has no per-thread priority through Node',
    });
    expect(getPriority(0)).toBe(before);
  });

  it('refuses a value that is not a nice value, naming it', () => {
    expect(() =>
      createReaderPool({ entry: READER_WORKER_SOURCE, file: temp.file, log: () => {}, nice: 20 }),
    ).toThrow('reader nice value: expected an integer from -20 to 19, got 20');
    expect(() => setUpReaderThread(1.5, 'linux')).toThrow(RangeError);
  });
});
