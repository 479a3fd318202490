/** The list's orders (`sort`): each pages by cursor and by offset to exactly the in-memory answer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityStore, type ActivityStore } from '../../../../src/main/core/activity';
import type { ActivityFilter, ActivityRecord, ActivitySort } from '../../../../src/shared/activity';
import { databaseWith, makeRecord, type TempDatabase } from './activityFixtures';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

let temp: TempDatabase;
let store: ActivityStore;
const all: ActivityRecord[] = [];

beforeAll(async () => {
  for (let i = 0; i < 300; i++) {
    const change = i % 25 === 0;
    all.push(
      makeRecord(
        {
          type: change ? 'server_change' : 'tool_call',
          tool_name: change ? null : i % 2 === 0 ? 'search' : 'read_file',
          // Few distinct durations (ties across pages), fractions, and none for server changes.
          duration_ms: change ? null : ((i * 37) % 9) * 12.5,
          arguments: { query: i % 3 === 0 ? `kubernetes ${i}` : `plain ${i}` },
        },
        // Pairs share one millisecond: ties in time too.
        NOW - 3600_000 + Math.floor(i / 2) * 1000,
      ),
    );
  }
  temp = await databaseWith(all);
  store = createActivityStore(temp.db, { path: temp.file });
});
afterAll(() => temp.cleanup());

/** Insertion order is seq order; ties fall back to it in the sort's direction. */
function expected(sort: ActivitySort, predicate: (r: ActivityRecord) => boolean): string[] {
  const key = (r: ActivityRecord): number =>
    sort.startsWith('time') ? Date.parse(r.timestamp) : (r.duration_ms ?? -1);
  const sign = sort.endsWith('desc') ? -1 : 1;
  return all
    .map((r, seq) => ({ r, seq }))
    .filter(({ r }) => predicate(r))
    .sort((a, b) => sign * (key(a.r) - key(b.r) || a.seq - b.seq))
    .map(({ r }) => r.id);
}

function everyPage(
  query: ActivityFilter & { sort: ActivitySort },
  limit: number,
  by: 'cursor' | 'offset',
): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let offset = 0; ; offset += limit) {
    const page = store.list(
      by === 'cursor' ? { ...query, limit, cursor } : { ...query, limit, offset },
    );
    ids.push(...page.activities.map((row) => row.id));
    if (page.next_cursor === null) return ids;
    cursor = page.next_cursor;
  }
}

describe('activity list sort', () => {
  const sorts: ActivitySort[] = ['time_desc', 'time_asc', 'duration_desc', 'duration_asc'];
  const filters: [string, ActivityFilter, (r: ActivityRecord) => boolean][] = [
    ['everything', {}, () => true],
    ['a tool', { tool: 'search' }, (r) => r.tool_name === 'search'],
    ['full text', { q: 'kubernetes' }, (r) => JSON.stringify(r.arguments).includes('kubernetes')],
  ];
  for (const sort of sorts) {
    it.each(filters)(`${sort} of %s pages by cursor and offset alike`, (_name, filter, test) => {
      const want = expected(sort, test);
      expect(everyPage({ ...filter, sort }, 7, 'cursor')).toEqual(want);
      expect(everyPage({ ...filter, sort }, 7, 'offset')).toEqual(want);
      expect(store.list({ ...filter, sort }).total).toBe(want.length);
    });
  }

  it('puts records without a duration last slowest-first and first fastest-first', () => {
    const slowest = store.list({ sort: 'duration_desc', limit: 100, offset: 200 }).activities;
    expect(slowest.at(-1)?.duration_ms).toBeNull();
    expect(store.list({ sort: 'duration_asc', limit: 1 }).activities[0]?.duration_ms).toBeNull();
  });

  it('refuses a cursor from a list in another order, naming both', () => {
    const cursor = store.list({ sort: 'duration_desc', limit: 5 }).next_cursor ?? '';
    expect(() => store.list({ cursor })).toThrow(
      /^cursor: comes from a list sorted by duration_desc, not time_desc/,
    );
    const newest = store.list({ limit: 5 }).next_cursor ?? '';
    expect(() => store.list({ sort: 'time_asc', cursor: newest })).toThrow(
      /^cursor: comes from a list sorted by time_desc, not time_asc/,
    );
  });
});
