/**
 * The live filter applies the full-text index's rule: for every query, the records the UI keeps
 * live are exactly those the store returns after a reload with the same `q` (a live row matched
 * on server_name used to vanish on reload: the index does not hold server names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityStore, type ActivityStore } from '../../src/main/core/activity';
import { recordMatchesSearch as matchesSearch } from '../../src/shared/fullTextSearch';
import type { ActivityRecord } from '../../src/shared/activity';
import {
  databaseWith,
  makeRecord,
  type TempDatabase,
} from '../main/core/activity/activityFixtures';

const NOW = Date.now();
const records: ActivityRecord[] = [
  makeRecord({ server_name: 'filesystem', tool_name: 'read_file' }, NOW - 5),
  makeRecord(
    { server_name: 'github', tool_name: 'create_issue', arguments: { title: 'Café menu' } },
    NOW - 4,
  ),
  makeRecord({ server_name: 'memory', tool_name: 'store', response: 'stored 3 entities' }, NOW - 3),
  makeRecord(
    {
      server_name: 'everything',
      tool_name: 'echo',
      status: 'error',
      error_message: 'Upstream timed out',
    },
    NOW - 2,
  ),
  makeRecord(
    {
      type: 'policy_decision',
      status: 'blocked',
      server_name: 'filesystem',
      tool_name: 'delete',
      reason: 'No deletes',
    },
    NOW - 1,
  ),
];
const QUERIES = [
  'filesystem',
  'github',
  'read',
  'read_fi',
  'file',
  'cafe',
  'CAFÉ menu',
  'stored entities',
  'stor',
  'stor ',
  'timed out',
  'time',
  'deletes',
  'no-deletes',
  'echo.upstream',
  'nothing-matches-this',
  // No word at all: nothing matches, live or stored; blank is no search.
  '🚀',
  '—',
  '*',
  '"',
  '   ',
];

let temp: TempDatabase;
let store: ActivityStore;
beforeAll(async () => {
  temp = await databaseWith(records);
  store = createActivityStore(temp.db);
});
afterAll(() => temp?.cleanup());

describe('live search = full-text index', () => {
  it.each(QUERIES)('q=%j keeps live exactly what a reload returns', (q) => {
    const reloaded = store
      .list({ q, limit: 100 })
      .activities.map((row) => row.id)
      .sort();
    const live = records
      .filter((record) => matchesSearch(record, q))
      .map((r) => r.id)
      .sort();
    expect(live).toEqual(reloaded);
  });

  it('a server name alone does not match (the index does not hold it)', () => {
    expect(matchesSearch(records[1]!, 'github')).toBe(false);
  });
});
