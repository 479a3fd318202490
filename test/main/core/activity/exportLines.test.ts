/**
 * The database-file export path builds lines partly in SQL; it must write exactly the bytes the
 * record path (JSON.stringify of each record, csv.ts cells) writes, for awkward values too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createActivityStore,
  createExportLines,
  createExportStream,
  type ActivityStore,
  type ExportLineSource,
} from '../../../../src/main/core/activity';
import type { ActivityRecord, ExportFormat } from '../../../../src/shared/activity';
import { databaseWith, makeRecord, type TempDatabase } from './activityFixtures';

let temp: TempDatabase;
let store: ActivityStore;
let lines: ExportLineSource;

const CONTROL = Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('');
const AWKWARD: Partial<ActivityRecord>[] = [
  { error_message: `all controls ${CONTROL} \u007f \u2028\u2029 back\\slash "q"`, status: 'error' },
  { reason: '=HYPERLINK("http://x","y")', policy_id: '+1', server_name: '-2', tool_name: '@x' },
  { session_id: '\tindent', client_name: '\rreturn', token_name: 'comma, and "quote"' },
  { error_message: 'line\r\nbreak', reason: 'émoji 😀 ünïcode' },
  { duration_ms: 12.345678901234567, request_bytes: 0, response_bytes: 123456 },
  { duration_ms: -0.5, response_truncated: true },
  { duration_ms: null, server_name: null, tool_name: null, token_id: null, token_name: null },
  { arguments: null, response: null, metadata: { nested: { a: [1, 'x', null, true] }, 1: 2 } },
  { arguments: {}, response: '=cmd|"/C calc"!A0', metadata: { quote: '"', slash: '/' } },
  { arguments: { big: 1e21, small: 1e-7, neg: -3 }, response: '-1+1', client_version: '"v"' },
];

beforeAll(async () => {
  const base = Date.parse('2026-11-23T10:00:59.990Z');
  const records = Array.from({ length: 300 }, (_, i) =>
    makeRecord(AWKWARD[i % AWKWARD.length] ?? {}, base + i * 7),
  );
  // Times far from the others, at the edges of what toISOString writes with a 4-digit year.
  records.push(makeRecord({}, Date.parse('1970-01-01T00:00:00.000Z')));
  records.push(makeRecord({}, Date.parse('9999-12-31T23:59:59.999Z')));
  temp = await databaseWith(records);
  store = createActivityStore(temp.db);
  lines = createExportLines({ path: temp.file });
});
afterAll(() => temp.cleanup());

async function exportText(
  source: ExportLineSource | ActivityStore,
  format: ExportFormat,
  include_bodies: boolean,
): Promise<string> {
  let text = '';
  const stream = createExportStream({ store: source, filter: {}, format, include_bodies });
  for await (const chunk of stream) text += String(chunk);
  return text;
}

describe('export lines from the database file', () => {
  it.each([
    ['csv', false],
    ['csv', true],
    ['jsonl', false],
    ['jsonl', true],
  ] as [ExportFormat, boolean][])(
    'writes %s (bodies: %s) byte for byte as the record path does',
    async (format, include_bodies) => {
      const expected = await exportText(store, format, include_bodies);
      const actual = await exportText(lines, format, include_bodies);
      expect(actual.length).toBeGreaterThan(300 * 100);
      expect(actual).toBe(expected);
    },
  );

  it('pages by key: every row once, newest first, whatever the page size', async () => {
    const ids: string[] = [];
    const pages = lines.pages({ filter: {}, format: 'jsonl', include_bodies: false }, 7);
    for (let page = pages.next(); page.done !== true; page = pages.next()) {
      expect(page.value.rows).toBeLessThanOrEqual(7);
      for (const line of page.value.text.trimEnd().split('\n')) {
        ids.push((JSON.parse(line) as ActivityRecord).id);
      }
    }
    expect(ids).toEqual([...store.iterate({})].map((record) => record.id));
  });

  it('applies the filter', async () => {
    const text = await exportText(lines, 'jsonl', false);
    const all = text.trimEnd().split('\n').length;
    let filtered = '';
    const stream = createExportStream({
      store: lines,
      filter: { status: ['error'] },
      format: 'jsonl',
      include_bodies: false,
    });
    for await (const chunk of stream) filtered += String(chunk);
    const rows = filtered.trimEnd().split('\n');
    expect(rows.length).toBe(30);
    expect(rows.length).toBeLessThan(all);
    expect(rows.every((line) => (JSON.parse(line) as ActivityRecord).status === 'error')).toBe(
      true,
    );
  });

  it('says what was wrong with a bad page size or a missing file', () => {
    expect(() =>
      lines.pages({ filter: {}, format: 'csv', include_bodies: false }, 0).next(),
    ).toThrow('export page size: expected a positive integer, got 0');
    const missing = createExportLines({ path: `${temp.dir}/missing.db` });
    expect(() =>
      missing.pages({ filter: {}, format: 'csv', include_bodies: false }, 10).next(),
    ).toThrow();
  });
});
