import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createActivityStore,
  createExportLines,
  createExportStream,
  exportFileName,
  type ActivityStore,
  type ExportLineSource,
  type ExportOptions,
} from '../../../../src/main/core/activity';
import {
  EXPORT_BODY_COLUMNS,
  EXPORT_CSV_COLUMNS,
  type ActivityRecord,
} from '../../../../src/shared/activity';
import { databaseWith, makeRecord, type TempDatabase } from './activityFixtures';

let temp: TempDatabase;
let store: ActivityStore;
let lines: ExportLineSource;
const records: ActivityRecord[] = [];

beforeAll(async () => {
  const base = Date.parse('2026-11-23T10:00:00.000Z');
  for (let i = 0; i < 2500; i++) {
    const record = makeRecord(
      {
        server_name: i % 2 === 0 ? 'github' : 'memory',
        error_message: i === 7 ? 'bad, "very" bad\nsecond line' : null,
        reason: i === 8 ? '=cmd|" /C calc"!A0' : null,
        arguments: { n: i, text: 'comma, "quote"' },
        response: i === 9 ? '-1+1' : `ok ${i}`,
      },
      base + i * 1000,
    );
    records.push(record);
  }
  temp = await databaseWith(records);
  store = createActivityStore(temp.db);
  lines = createExportLines({ path: temp.file });
});
afterAll(() => temp.cleanup());

async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

/** A small RFC 4180 parser, enough to read our own output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

// Every behaviour holds for both sources: the database file read directly, and a store.
describe.each([
  ['the database file', () => lines],
  ['an ActivityStore', () => store],
] as [string, () => ExportOptions['store']][])('export from %s', (_name, source) => {
  it('writes CSV with the header row and RFC 4180 quoting, newest first', async () => {
    const text = await collect(
      createExportStream({ store: source(), filter: {}, format: 'csv', include_bodies: false }),
    );
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...EXPORT_CSV_COLUMNS, 'seq', 'hash', 'prev_hash']);
    expect(rows).toHaveLength(2501);
    expect(rows[1]?.slice(-3)).toEqual([
      '2500',
      expect.stringMatching(/^[0-9a-f]{64}$/),
      rows[2]?.[EXPORT_CSV_COLUMNS.length + 1],
    ]);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const col = (name: string) =>
      EXPORT_CSV_COLUMNS.indexOf(name as (typeof EXPORT_CSV_COLUMNS)[number]);
    expect(byId.get(records[7]?.id)?.[col('error_message')]).toBe('bad, "very" bad\nsecond line');
    expect(byId.get(records[8]?.id)?.[col('reason')]).toBe('\'=cmd|" /C calc"!A0');
    expect(byId.get(records[8]?.id)?.[col('duration_ms')]).toBe('12');
    expect(rows[1]?.[0]).toBe(records[records.length - 1]?.id);
  });

  it('adds arguments and response as JSON text with include_bodies, neutralising formulas', async () => {
    const text = await collect(
      createExportStream({
        store: source(),
        filter: { server: 'memory' },
        format: 'csv',
        include_bodies: true,
        pageSize: 100,
      }),
    );
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      ...EXPORT_CSV_COLUMNS,
      ...EXPORT_BODY_COLUMNS,
      'seq',
      'hash',
      'prev_hash',
    ]);
    expect(rows).toHaveLength(1251);
    const nine = rows.find((r) => r[0] === records[9]?.id);
    expect(JSON.parse(nine?.[EXPORT_CSV_COLUMNS.length] ?? '')).toEqual({
      n: 9,
      text: 'comma, "quote"',
    });
    expect(nine?.[EXPORT_CSV_COLUMNS.length + 1]).toBe("'-1+1");
  });

  it('writes JSON Lines that round-trip to the stored records', async () => {
    const full = await collect(
      createExportStream({ store: source(), filter: {}, format: 'jsonl', include_bodies: true }),
    );
    const lines = full
      .trimEnd()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as ActivityRecord & { seq: number; hash: string; prev_hash: string },
      );
    expect(lines).toHaveLength(2500);
    expect(lines.map(({ seq: _s, hash: _h, prev_hash: _p, ...record }) => record)).toEqual(
      [...records].reverse(),
    );
    expect(Object.keys(lines[0] ?? {}).slice(-3)).toEqual(['seq', 'hash', 'prev_hash']);
    expect(lines[0]).toMatchObject({ seq: 2500, prev_hash: lines[1]?.hash });
    const rows = await collect(
      createExportStream({
        store: source(),
        filter: { server: 'github' },
        format: 'jsonl',
        include_bodies: false,
      }),
    );
    const first = JSON.parse(rows.split('\n')[0] ?? '') as Record<string, unknown>;
    expect(first).not.toHaveProperty('arguments');
    expect(first).not.toHaveProperty('response');
    expect(first.server_name).toBe('github');
  });

  it('counts the rows it hands over', async () => {
    let counted = 0;
    await collect(
      createExportStream({
        store: source(),
        filter: { server: 'memory' },
        format: 'jsonl',
        include_bodies: false,
        onRows: (rows) => (counted = rows),
      }),
    );
    expect(counted).toBe(1250);
  });
});

describe('export back-pressure', () => {
  it('reads records from a store only as the consumer pulls them', async () => {
    let pulled = 0;
    const counting: Pick<ActivityStore, 'iterateExport'> = {
      *iterateExport(filter, includeBodies, pageSize) {
        for (const record of store.iterateExport(filter, includeBodies, pageSize)) {
          pulled++;
          yield record;
        }
      },
    };
    const stream = createExportStream({
      store: counting,
      filter: {},
      format: 'jsonl',
      include_bodies: true,
    });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(2500);
    stream.destroy();
  });

  it('reads pages from the database file only as the consumer pulls them', async () => {
    let pages = 0;
    const counting: ExportLineSource = {
      *pages(request, pageSize) {
        for (const page of { [Symbol.iterator]: () => lines.pages(request, pageSize) }) {
          pages++;
          yield page;
        }
      },
    };
    const stream = createExportStream({
      store: counting,
      filter: {},
      format: 'csv',
      include_bodies: false,
      pageSize: 100,
    });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThan(25);
    stream.destroy();
  });
});

describe('export file names', () => {
  it('names the file with the format and the UTC date', () => {
    expect(exportFileName('csv', new Date('2026-11-23T23:59:00Z'))).toBe(
      'switchboard-activity-2026-11-23.csv',
    );
    expect(exportFileName('jsonl', new Date('2026-01-02T00:00:00Z'))).toBe(
      'switchboard-activity-2026-01-02.jsonl',
    );
  });

  it('tells a filtered export from the whole log by name', () => {
    const at = new Date('2026-11-23T10:00:00Z');
    expect(exportFileName('csv', at, { status: ['blocked'] })).toBe(
      'switchboard-activity-2026-11-23-filtered.csv',
    );
    expect(exportFileName('csv', at, { status: [], q: '' })).toBe(
      'switchboard-activity-2026-11-23.csv',
    );
  });
});
