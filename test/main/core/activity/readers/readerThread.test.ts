/**
 * The reader threads' priority (readerThread.ts): on Linux each reader worker names its thread and
 * runs it at a higher nice value than the process and under SCHED_IDLE, so busy cores go to the
 * thread proxying calls. Checked on the real threads through /proc.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
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

const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

/**
 * This process's threads named `name`, with their nice values and scheduling policies (fields 19
 * and 41 of /proc's stat).
 */
function threadsNamed(name: string): { tid: number; nice: number; policy: number }[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (comm !== name) return [];
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [{ tid: Number(tid), nice: Number(fields[16]), policy: Number(fields[38]) }];
  });
}

/** Starts both readers of a pool (two reads at once) and returns what they reported. */
async function startedPool(options: { nice?: number; idle?: boolean } = {}) {
  const ready: { threadId: number; nice: number | null; idle: boolean }[] = [];
  const logged: string[] = [];
  const pool = createReaderPool({
    entry: READER_WORKER_SOURCE,
    file: temp.file,
    log: (line) => logged.push(line),
    onReady: (reader) => ready.push(reader),
    ...options,
  });
  await Promise.all([pool.list({ limit: 1 }), pool.list({ limit: 2 })]);
  return { pool, ready, logged };
}

const chrtOnPath = spawnSync('chrt', ['--version']).status === 0;

describe.runIf(process.platform === 'linux')('reader threads on Linux', () => {
  it.runIf(chrtOnPath)(
    `run at nice ${READER_NICE} under SCHED_IDLE and their name; the calling thread keeps its priority`,
    async () => {
      const before = getPriority(0);
      const { pool, ready, logged } = await startedPool();
      try {
        expect(ready.map(({ nice, idle }) => ({ nice, idle }))).toEqual([
          { nice: READER_NICE, idle: true },
          { nice: READER_NICE, idle: true },
        ]);
        const readers = threadsNamed(READER_THREAD_NAME);
        expect(readers).toHaveLength(2);
        for (const reader of readers) {
          expect(reader.nice).toBe(READER_NICE);
          expect(reader.policy).toBe(SCHED_IDLE);
        }
        expect(getPriority(0)).toBe(before);
        expect(getPriority()).toBe(before);
        // The main thread (pid = tid) keeps its policy.
        const main = readFileSync('/proc/self/stat', 'utf8');
        expect(Number(main.slice(main.lastIndexOf(')') + 2).split(' ')[38])).toBe(SCHED_OTHER);
        expect(logged).toEqual([]);
      } finally {
        await pool.close();
      }
    },
  );

  it('stay under the normal policy with idle off, at nice 19', async () => {
    const { pool, ready } = await startedPool({ idle: false });
    try {
      expect(ready.map(({ nice, idle }) => ({ nice, idle }))).toEqual([
        { nice: READER_NICE, idle: false },
        { nice: READER_NICE, idle: false },
      ]);
      for (const reader of threadsNamed(READER_THREAD_NAME))
        expect(reader.policy).toBe(SCHED_OTHER);
    } finally {
      await pool.close();
    }
  });

  it('stay at the process priority with nice 0 (what benches compare against)', async () => {
    const { pool, ready } = await startedPool({ nice: 0, idle: false });
    try {
      // A process started at a higher nice value keeps it: a thread cannot go below without rights.
      const expected = Math.max(0, getPriority(0));
      expect(ready.map((reader) => reader.nice)).toEqual([expected, expected]);
    } finally {
      await pool.close();
    }
  });

  it('keep nice 19 without chrt and say why, once', async () => {
    // Workers inherit the environment: a PATH without chrt is a machine without util-linux.
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const { pool, ready, logged } = await startedPool();
      try {
        expect(ready.map(({ nice, idle }) => ({ nice, idle }))).toEqual([
          { nice: READER_NICE, idle: false },
          { nice: READER_NICE, idle: false },
        ]);
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatch(
          /^switchboard: reader threads run at nice 19, no SCHED_IDLE: chrt could not run \(.*ENOENT/,
        );
      } finally {
        await pool.close();
      }
    } finally {
      process.env.PATH = path;
    }
  });

  it('keep nice 19 when chrt fails and say its error', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'swb-chrt-'));
    writeFileSync(join(bin, 'chrt'), '#!/bin/sh\necho "chrt: no rights here" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      const { pool, ready, logged } = await startedPool();
      try {
        expect(ready.map((reader) => reader.idle)).toEqual([false, false]);
        expect(logged).toEqual([
          'switchboard: reader threads run at nice 19, no SCHED_IDLE: chrt failed (1): chrt: no rights here',
        ]);
      } finally {
        await pool.close();
      }
    } finally {
      process.env.PATH = path;
      rmSync(bin, { recursive: true, force: true });
    }
  });
});

describe('reader thread setup', () => {
  it('changes nothing where the call would change the whole process', () => {
    const before = getPriority(0);
    expect(setUpReaderThread(READER_NICE, true, 'darwin')).toEqual({
      nice: null,
      idle: false,
      skipped: 'darwin has no per-thread priority through Node',
    });
    expect(getPriority(0)).toBe(before);
  });

  it('refuses a value that is not a nice value, naming it', () => {
    expect(() =>
      createReaderPool({ entry: READER_WORKER_SOURCE, file: temp.file, log: () => {}, nice: 20 }),
    ).toThrow('reader nice value: expected an integer from -20 to 19, got 20');
    expect(() => setUpReaderThread(1.5, true, 'linux')).toThrow(RangeError);
  });
});
