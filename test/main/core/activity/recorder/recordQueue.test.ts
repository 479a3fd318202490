import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createActivityStore,
  createInlineRowWriter,
  createRecordQueue,
  createWorkerRowWriter,
} from '../../../../../src/main/core/activity';
import type { RecordQueue } from '../../../../../src/main/core/activity';
import type { ActivityRowWriter } from '../../../../../src/main/core/activity/recorder/activityWriter';
import { createActivityEventBus } from '../../../../../src/main/core/events';
import type { ActivityEvent } from '../../../../../src/shared/activity';
import type { ActivitySettings } from '../../../../../src/shared/servers';
import {
  DEFAULT_SETTINGS,
  makeRecord,
  SEEDED_SECRETS,
  tempDatabase,
  type TempDatabase,
} from '../activityFixtures';

type WriterKind = 'inline' | 'worker';
const RECORDER_WORKER = join(
  import.meta.dirname,
  '../../../../support/workers/activityWriterWorker.mjs',
);
const CRASHING_WORKER = join(
  import.meta.dirname,
  '../../../../support/workers/crashingActivityWriterWorker.mjs',
);

let temp: TempDatabase;
let writerKind: WriterKind = 'inline';
let openQueue: RecordQueue | null = null;
afterEach(async () => {
  await openQueue?.close().catch(() => undefined);
  openQueue = null;
  temp?.cleanup();
});

function setup(
  settings: Partial<ActivitySettings> = {},
  queueOptions: Record<string, number> = {},
  workerEntry = RECORDER_WORKER,
) {
  temp = tempDatabase();
  const bus = createActivityEventBus();
  const events: ActivityEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const errors: Error[] = [];
  const queue = createRecordQueue({
    db: temp.db,
    ...(writerKind === 'worker'
      ? { writer: createWorkerRowWriter({ entry: workerEntry, file: temp.file }) }
      : {}),
    bus,
    settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
    onError: (e) => errors.push(e),
    ...queueOptions,
  });
  openQueue = queue;
  const store = createActivityStore(temp.db, { path: temp.file });
  return { queue, store, events, errors, bus };
}

/** A real GC, to prove the queue lets go of what it wrote (v8's own flag, set at run time). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe.each<WriterKind>(['inline', 'worker'])('record queue, %s writer', (kind) => {
  beforeEach(() => {
    writerKind = kind;
  });

  it('lets go of written records at once, so large arguments and responses are not kept alive', async () => {
    const { queue, events } = setup();
    const big = 'x'.repeat(2_000_000);
    // Built in a function so that no local of this test keeps the arguments alive.
    const enqueueBig = (): WeakRef<object> => {
      const args = { message: `${big}-0` };
      queue.enqueue(makeRecord({ arguments: args, response: `${big}-response` }));
      return new WeakRef(args);
    };
    const released = enqueueBig();
    await queue.flush();
    events.length = 0; // the published record is the stored (truncated) copy; drop it too
    collectGarbage();
    expect(released.deref()).toBeUndefined();
  });

  it('stores exactly 10,000 records from many producers, seqs monotonic, events after commit', async () => {
    const { queue, store, events, bus } = setup();
    const seenAtPublish: boolean[] = [];
    bus.subscribe((e) => seenAtPublish.push(store.get(e.record.id) !== null));
    const ids = new Set<string>();
    const producers = Array.from({ length: 50 }, async (_, p) => {
      for (let i = 0; i < 200; i++) {
        await queue.admit();
        const record = makeRecord({ session_id: `s${p}` });
        ids.add(record.id);
        queue.enqueue(record);
        if (i % 17 === 0) await Promise.resolve();
      }
    });
    await Promise.all(producers);
    expect(queue.stats().records).toBeGreaterThan(0); // enqueue never wrote synchronously
    await queue.flush();
    expect(queue.stats()).toEqual({ records: 0, bytes: 0 });

    expect(store.count({})).toBe(10_000);
    const rows = temp.db.sqlite
      .prepare<[], { id: string; seq: number }>('SELECT id, seq FROM activity ORDER BY seq')
      .all();
    expect(rows).toHaveLength(10_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(10_000);
    expect(rows.every((r) => ids.has(r.id))).toBe(true);
    expect(events).toHaveLength(10_000);
    const seqs = events.map((e) => e.seq ?? -1);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] ?? Infinity);
    expect(seenAtPublish.every(Boolean)).toBe(true);
    expect(events[0]?.event).toBe('activity.tool_call.completed');
    const sample = events[1234];
    expect(sample && store.get(sample.record.id)).toEqual(sample?.record);
    expect(store.latestSeq()).toBe(seqs[seqs.length - 1]);
    await queue.close();
  });

  it('publishes each type under its event name', async () => {
    const { queue, events } = setup();
    queue.enqueue(
      makeRecord({
        type: 'policy_decision',
        status: 'blocked',
        policy_id: 'no-deletes',
        reason: 'x',
      }),
    );
    queue.enqueue(
      makeRecord({ type: 'server_change', tool_name: null, metadata: { action: 'restart' } }),
    );
    queue.enqueue(makeRecord({ type: 'quarantine_change', tool_name: null }));
    await queue.flush();
    expect(events.map((e) => e.event)).toEqual([
      'activity.policy_decision',
      'activity.server_change',
      'activity.quarantine_change',
    ]);
  });

  it('admit() waits above the high-water mark until the writer catches up', async () => {
    const { queue } = setup({}, { highWaterRecords: 100, intervalMs: 100 });
    for (let i = 0; i < 100; i++) queue.enqueue(makeRecord());
    let admitted = false;
    const admission = queue.admit().then(() => {
      admitted = true;
    });
    await Promise.resolve();
    expect(admitted).toBe(false);
    expect(queue.stats().records).toBe(100);
    await admission;
    expect(queue.stats().records).toBeLessThan(100);
    await expect(queue.admit()).resolves.toBeUndefined();
    await queue.close();
  });

  it('truncates the response to activity_max_response_size bytes and keeps response_bytes', async () => {
    const { queue, store, events } = setup({ activity_max_response_size: 1000 });
    const response = 'é'.repeat(3000); // 6000 bytes, two per character
    const record = makeRecord({ response, response_bytes: 6000 });
    queue.enqueue(record);
    await queue.flush();
    const stored = store.get(record.id);
    expect(stored?.response_truncated).toBe(true);
    expect(stored?.response_bytes).toBe(6000);
    expect(Buffer.byteLength(stored?.response ?? '')).toBe(1000);
    expect(stored?.response).toBe('é'.repeat(500));
    expect(events[0]?.record).toEqual(stored);
  });

  it('redacts before storing: nothing of the secret is in the database file, FTS included', async () => {
    const { queue, store, events } = setup();
    const apiKeyValue = 'zq7-PLAIN-api-key-value-93xk';
    const record = makeRecord({
      arguments: { api_key: apiKeyValue, query: `find ${SEEDED_SECRETS.openai}` },
      response: `here: ${SEEDED_SECRETS.openai}`,
      error_message: `upstream said ${SEEDED_SECRETS.githubClassic}`,
    });
    queue.enqueue(record);
    await queue.close();
    const stored = store.get(record.id);
    expect(stored?.arguments).toEqual({ api_key: '[REDACTED]', query: 'find [REDACTED]' });
    expect(stored?.response).toBe('here: [REDACTED]');
    expect(stored?.error_message).toBe('upstream said [REDACTED]');
    expect(events[0]?.record.arguments).toEqual(stored?.arguments);
    expect(store.list({ q: 'proj' }).total).toBe(0);
    expect(store.list({ q: 'redacted' }).total).toBe(1);
    temp.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(temp.file).toString('latin1');
    for (const secret of [
      apiKeyValue,
      SEEDED_SECRETS.openai,
      SEEDED_SECRETS.githubClassic,
      '4fG7hK2mN9pQ1rS5',
    ]) {
      expect(bytes.includes(secret)).toBe(false);
    }
    expect(bytes.includes('upstream said')).toBe(true); // the file really holds data
  });

  it('drops only a record SQLite refuses on its own (duplicate id), and reports it', async () => {
    const { queue, store, errors } = setup();
    const record = makeRecord();
    queue.enqueue(record);
    await queue.flush();
    const other = makeRecord();
    queue.enqueue({ ...record });
    queue.enqueue(other);
    await queue.flush();
    expect(store.count({})).toBe(2);
    expect(store.get(other.id)).not.toBeNull();
    expect(
      errors.some((e) => e.message.includes(`activity record ${record.id} could not be stored`)),
    ).toBe(true);
  });

  it('drops a record that cannot be serialised (cyclic arguments) and keeps the rest', async () => {
    const { queue, store, errors } = setup();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const bad = { ...makeRecord(), arguments: cyclic };
    const good = makeRecord();
    queue.enqueue(bad);
    queue.enqueue(good);
    await queue.flush();
    expect(store.get(good.id)).not.toBeNull();
    expect(store.get(bad.id)).toBeNull();
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining(`activity record ${bad.id} could not be stored and was dropped`),
    ]);
    expect(queue.stats().records).toBe(0);
  });

  it('rejects a record with a bad timestamp at enqueue, and any record after close', async () => {
    const { queue } = setup();
    expect(() => queue.enqueue(makeRecord({ timestamp: 'yesterday' }))).toThrow(
      /timestamp "yesterday" is not an RFC 3339/,
    );
    await queue.close();
    expect(() => queue.enqueue(makeRecord())).toThrow(/record queue is closed/);
  });
});

describe('record queue, inline writer faults', () => {
  beforeEach(() => {
    writerKind = 'inline';
  });

  // The worker's connection has its own max_page_count; its faults are tested below.
  it('keeps records through a failing write (disk full), reports it, and writes them later', async () => {
    const { queue, store, errors } = setup({}, { retryDelayMs: 5, intervalMs: 5 });
    const pageCount = temp.db.sqlite.pragma('page_count', { simple: true }) as number;
    temp.db.sqlite.pragma(`max_page_count = ${pageCount}`);
    const big = 'x'.repeat(50_000);
    for (let i = 0; i < 20; i++)
      queue.enqueue(makeRecord({ response: `${big}${i}`, response_bytes: 50_001 }));
    const flushed = queue.flush();
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    expect(errors[0]?.message).toMatch(
      /writing \d+ activity records failed; retrying in \d+ ms: database or disk is full/,
    );
    expect(store.count({})).toBe(0);
    expect(queue.stats().records).toBe(20);
    temp.db.sqlite.pragma('max_page_count = 1073741823');
    await flushed;
    expect(store.count({})).toBe(20);
    expect(queue.stats().records).toBe(0);
  });
});

describe('record queue, worker writer faults', () => {
  beforeEach(() => {
    writerKind = 'worker';
  });

  it('loses nothing when the recorder worker dies mid-load: the batch is retried in a new worker', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'switchboard-crash-')), 'crashed');
    process.env.SWITCHBOARD_TEST_CRASH_MARKER = marker;
    const { queue, store, events, errors } = setup(
      {},
      { retryDelayMs: 5, intervalMs: 5 },
      CRASHING_WORKER,
    );
    const ids = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const record = makeRecord();
      ids.add(record.id);
      queue.enqueue(record);
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await queue.flush();
    expect(existsSync(marker)).toBe(true); // the first worker really died
    expect(errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        /activity records failed; retrying in \d+ ms: the recorder worker exited/,
      ),
    );
    expect(store.count({})).toBe(3000);
    expect(events.map((e) => e.record.id).sort()).toEqual([...ids].sort());
    expect(queue.stats()).toEqual({ records: 0, bytes: 0 });
  });

  it('keeps the records and says which file when the worker cannot open the database', async () => {
    const { queue, store, errors } = setup({}, { retryDelayMs: 5, intervalMs: 5 });
    await queue.close();
    openQueue = null;
    // A database path that is a directory: the worker's open fails on every attempt.
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-not-a-db-'));
    writeFileSync(join(dir, 'placeholder'), '');
    const broken = createRecordQueue({
      db: temp.db,
      writer: createWorkerRowWriter({ entry: RECORDER_WORKER, file: dir }),
      bus: createActivityEventBus(),
      settings: () => DEFAULT_SETTINGS,
      onError: (e) => errors.push(e),
      retryDelayMs: 5,
      intervalMs: 5,
    });
    broken.enqueue(makeRecord());
    broken.enqueue(makeRecord());
    // Each attempt starts a worker from source (tsx), which takes a while on a busy machine.
    await expect.poll(() => errors.length, { timeout: 20_000 }).toBeGreaterThan(1);
    expect(errors[0]?.message).toContain(`the recorder worker could not open ${dir}`);
    expect(broken.stats().records).toBe(2);
    expect(store.count({})).toBe(0);
  });

  /** A queue whose worker entry is missing, so its writer falls back to `fallback` at once. */
  async function queueWithMissingWorker(
    fallback: (error: Error) => ActivityRowWriter,
  ): Promise<RecordQueue> {
    const { queue: unused } = setup();
    await unused.close();
    const queue = createRecordQueue({
      db: temp.db,
      writer: createWorkerRowWriter({
        entry: join(tmpdir(), 'no-such-recorder-worker.mjs'),
        file: temp.file,
        fallback,
      }),
      bus: createActivityEventBus(),
      settings: () => DEFAULT_SETTINGS,
      retryDelayMs: 5,
      intervalMs: 5,
    });
    openQueue = queue;
    return queue;
  }

  it('writes on the main thread, and says so, when the worker entry cannot load', async () => {
    const errors: string[] = [];
    const queue = await queueWithMissingWorker((error) => {
      errors.push(error.message);
      return createInlineRowWriter(temp.db);
    });
    const record = makeRecord();
    queue.enqueue(record);
    await queue.flush();
    expect(errors).toEqual([expect.stringContaining('no-such-recorder-worker.mjs')]);
    expect(createActivityStore(temp.db, { path: temp.file }).get(record.id)?.id).toBe(record.id);
  });

  it('after falling back to the main thread, cuts chunks to the main-thread byte budget', async () => {
    const rowsPerCommit: number[] = [];
    const queue = await queueWithMissingWorker(() => {
      const inline = createInlineRowWriter(temp.db);
      return {
        ...inline,
        insertRows: (rows) => {
          rowsPerCommit.push(rows.length);
          return inline.insertRows(rows);
        },
      };
    });
    // The first record makes the writer fall back; then 200 KB records, which the worker's
    // 1 MB chunks would take five at a time and the main thread's 256 KB one at a time.
    queue.enqueue(makeRecord());
    await queue.flush();
    for (let i = 0; i < 6; i++) queue.enqueue(makeRecord({ response: 'x'.repeat(200_000) }));
    await queue.flush();
    expect(rowsPerCommit.slice(1)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
