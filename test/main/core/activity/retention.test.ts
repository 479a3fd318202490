import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createActivityStore,
  createRetention,
  createWorkerRowWriter,
} from '../../../../src/main/core/activity';
import type { ActivityRowWriter } from '../../../../src/main/core/activity/recorder/activityWriter';
import { RECORDER_WORKER_SOURCE } from '../../../support/workers';
import type { ActivityRecord } from '../../../../src/shared/activity';
import type { ActivitySettings } from '../../../../src/shared/servers';
import { databaseWith, DEFAULT_SETTINGS, makeRecord, type TempDatabase } from './activityFixtures';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const DAY = 24 * 3600_000;
let temp: TempDatabase;
let writerKind: 'inline' | 'worker' = 'inline';
let worker: ActivityRowWriter | null = null;
afterEach(async () => {
  await worker?.close();
  worker = null;
  temp?.cleanup();
});

async function fill(records: ActivityRecord[], settings: Partial<ActivitySettings>) {
  temp = await databaseWith(records);
  const current = { ...DEFAULT_SETTINGS, ...settings };
  const store = createActivityStore(temp.db, { path: temp.file });
  const errors: Error[] = [];
  if (writerKind === 'worker')
    worker = createWorkerRowWriter({ entry: RECORDER_WORKER_SOURCE, file: temp.file });
  const retention = createRetention({
    db: temp.db,
    ...(worker !== null ? { writer: worker } : {}),
    store,
    settings: () => current,
    onError: (e) => errors.push(e),
    now: () => NOW,
  });
  return { store, retention, errors };
}

/** Random words, so the full-text index is as large as it would be for real responses. */
function words(n: number, seed: number): string {
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(x.toString(36));
  }
  return out.join(' ');
}

describe.each(['inline', 'worker'] as const)('retention, deletes on the %s writer', (kind) => {
  beforeEach(() => {
    writerKind = kind;
  });

  it('deletes by age, keeping everything newer than activity_retention_days', async () => {
    const records = Array.from({ length: 3000 }, (_, i) =>
      makeRecord({}, NOW - 30 * DAY + Math.floor(i / 100) * DAY - 1000),
    );
    const { store, retention } = await fill(records, { activity_retention_days: 10 });
    const result = await retention.runOnce();
    const keep = records.filter((r) => Date.parse(r.timestamp) >= NOW - 10 * DAY).length;
    expect(result.by_age).toBe(3000 - keep);
    expect(store.count({})).toBe(keep);
    expect(store.list({ end_time: new Date(NOW - 10 * DAY).toISOString() }).total).toBe(0);
  });

  it('deletes by count, keeping the newest activity_max_records', async () => {
    const records = Array.from({ length: 5000 }, (_, i) =>
      makeRecord({}, NOW - 5000_000 + Math.floor(i / 3) * 1000),
    );
    const { store, retention } = await fill(records, { activity_max_records: 1234 });
    const result = await retention.runOnce();
    expect(result.by_count).toBe(5000 - 1234);
    expect(store.count({})).toBe(1234);
    const newest = records
      .slice(-1234)
      .map((r) => r.id)
      .reverse();
    expect([...store.iterate({})].map((r) => r.id)).toEqual(newest);
  });

  it('deletes the oldest by size until the file is under activity_max_size_mb, and the file shrinks', async () => {
    const records = Array.from({ length: 2000 }, (_, i) =>
      makeRecord({ response: words(1200, i + 1), response_bytes: 9000 }, NOW - (2000 - i) * 1000),
    );
    const { store, retention } = await fill(records, { activity_max_size_mb: 4 });
    temp.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(temp.file).size;
    expect(before).toBeGreaterThan(12 * 1024 * 1024);
    const result = await retention.runOnce();
    expect(result.by_size).toBeGreaterThan(0);
    expect(result.size_bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(statSync(temp.file).size).toBeLessThanOrEqual(4 * 1024 * 1024);
    const left = store.count({});
    expect(left).toBe(2000 - result.by_size);
    expect(left).toBeGreaterThan(100); // about 20 KB a row: it kept most of what fits
    expect([...store.iterate({})].map((r) => r.id)).toEqual(
      records
        .slice(-left)
        .map((r) => r.id)
        .reverse(),
    );
    expect(store.list({ q: words(1, 1) }).total).toBe(0); // the oldest record's words left the index
  });

  it('by age deletes the longest prefix in seq order whose records are all older (SPEC 12)', async () => {
    // Committed oldest first, except one recent record early in the log: the prefix stops there.
    const records = Array.from({ length: 200 }, (_, i) =>
      makeRecord({}, i === 50 ? NOW - 1000 : NOW - (200 - i) * DAY),
    );
    const { store, retention } = await fill(records, { activity_retention_days: 100 });
    const result = await retention.runOnce();
    expect(result.by_age).toBe(50);
    expect(store.count({})).toBe(150);
  });

  it('start() runs at once and stop() ends the schedule', async () => {
    const records = Array.from({ length: 100 }, (_, i) => makeRecord({}, NOW - (100 - i) * DAY));
    const { store, retention, errors } = await fill(records, { activity_retention_days: 30 });
    retention.start();
    // The worker variant starts its worker from source first (tsx): allow for a busy machine.
    await expect.poll(() => store.count({}), { timeout: 15_000 }).toBe(30);
    retention.stop();
    expect(errors).toEqual([]);
  });
});
