/** The `tool` filter takes a name glob (the policy editor's matcher) in lists, counts and summaries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityStore, type ActivityStore } from '../../../../src/main/core/activity';
import type { ActivityRecord } from '../../../../src/shared/activity';
import { databaseWith, makeRecord, type TempDatabase } from './activityFixtures';

const TOOLS = ['read_file', 'read_dir', 'write_file', 'search', 'fs.read'] as const;

let temp: TempDatabase;
let store: ActivityStore;
const all: ActivityRecord[] = [];
const now = Date.now();

beforeAll(async () => {
  for (let i = 0; i < 200; i++) {
    all.push(
      makeRecord(
        {
          tool_name: i % 40 === 0 ? null : (TOOLS[i % TOOLS.length] ?? null),
          type: i % 40 === 0 ? 'server_change' : 'tool_call',
        },
        now - 3600_000 + i * 1000,
      ),
    );
  }
  temp = await databaseWith(all);
  store = createActivityStore(temp.db, { path: temp.file });
});
afterAll(() => temp.cleanup());

function idsByCursor(tool: string): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = store.list({ tool, limit: 9, cursor });
    ids.push(...page.activities.map((row) => row.id));
    if (page.next_cursor === null) return ids;
    cursor = page.next_cursor;
  }
}

describe('tool filter globs', () => {
  it.each([
    ['read_*', ['read_file', 'read_dir']],
    ['*_file', ['read_file', 'write_file']],
    ['{search,fs.read}', ['search', 'fs.read']],
    ['*read*', ['read_file', 'read_dir', 'fs.read']],
    ['read_file', ['read_file']],
    ['nothing_*', []],
  ])('%s matches %j', (tool, names) => {
    const want = all
      .filter((r) => r.tool_name !== null && names.includes(r.tool_name))
      .map((r) => r.id)
      .reverse();
    expect(idsByCursor(tool)).toEqual(want);
    expect(store.count({ tool })).toBe(want.length);
    const summary = store.summary('24h', { tool });
    expect(summary.total).toBe(want.length);
    expect(summary.top_tools.map((t) => t.tool_name).sort()).toEqual([...names].sort());
  });
});
