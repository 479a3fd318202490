/**
 * The verifier and the writer build a record's canonical bytes from its columns (no record
 * object, no canonicalize call for the record): over odd records, through the real writer and
 * read back from SQLite, those bytes must be exactly canonicalize's output.
 */
import canonicalize from 'canonicalize';
import { afterEach, describe, expect, it } from 'vitest';
import {
  RECORD_COLUMNS,
  toInsertParams,
  toRecord,
  type ActivityRow,
} from '../../../../src/main/core/activity/recordRow';
import { createActivityWriter } from '../../../../src/main/core/activity/recorder/activityWriter';
import {
  CHAIN_COLUMNS,
  CHAIN_COLUMNS_SQL,
  canonicalValues,
  valuesHash,
  type ChainValues,
  type ChainValuesView,
} from '../../../../src/main/core/audit';
import type { ActivityRecord } from '../../../../src/shared/activity';
import { storedLinks } from '../../../../src/main/core/audit/chainRows';
import {
  DURATION_SQL,
  HASHED_TEXT_SQL,
  LINKED_TEXT_SQL,
} from '../../../../src/main/core/audit/chainRecordSql';
import { makeRecord, tempDatabase, type TempDatabase } from '../activity/activityFixtures';

let temp: TempDatabase | null = null;
afterEach(() => {
  temp?.cleanup();
  temp = null;
});

/** mulberry32: the same odd records on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces JCS and JSON.stringify treat specially: escapes, C0 controls, DEL, U+2028/9, bidi
// overrides, astral characters (surrogate pairs, which sort by code unit), lone surrogates
// (stored as invalid UTF-8 and read back altered), BOM, combining marks, non-BMP keys.
const PIECES = [
  'a',
  'Z',
  ' ',
  '"',
  '\\',
  '/',
  '\n',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u200f',
  '\u2066',
  'é',
  'e\u0301',
  '€',
  '\ufeff',
  '\ufffd',
  '😀',
  '\ud83d',
  '\ude00',
  '中文',
  'עברית',
  '{"x":1}',
  'null',
];
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1 + 0.2,
  1e21,
  1e-7,
  123456789012345680000,
  2 ** 53 + 2,
  -(2 ** 53),
  5e-324,
  1.7976931348623157e308,
  4.35,
  333333333.3333333,
];

function oddRecords(count: number): ActivityRecord[] {
  const random = rng(15);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const text = (): string =>
    Array.from({ length: Math.floor(random() * 8) }, () => pick(PIECES)).join('');
  const maybe = (): string | null => (random() < 0.3 ? null : text());
  const value = (depth: number): unknown => {
    const r = random();
    if (r < 0.15) return null;
    if (r < 0.3) return pick(NUMBERS);
    if (r < 0.4) return random() < 0.5;
    if (r < 0.6 || depth > 2) return text();
    if (r < 0.8) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return object(depth + 1);
  };
  const object = (depth: number): Record<string, unknown> =>
    Object.fromEntries(
      Array.from({ length: Math.floor(random() * 5) }, () => [text(), value(depth)] as const),
    );
  return Array.from({ length: count }, () =>
    makeRecord(
      {
        arguments: random() < 0.2 ? null : object(0),
        response: random() < 0.2 ? null : text().repeat(1 + Math.floor(random() * 50)),
        response_truncated: random() < 0.5,
        status: pick(['success', 'error', 'blocked'] as const),
        error_message: maybe(),
        error_kind: random() < 0.5 ? null : 'tool_error',
        duration_ms: random() < 0.2 ? null : Math.abs(pick(NUMBERS)),
        server_name: maybe(),
        tool_name: maybe(),
        session_id: maybe(),
        client_name: maybe(),
        client_version: maybe(),
        token_id: maybe(),
        token_name: maybe(),
        policy_id: maybe(),
        reason: maybe(),
        request_bytes: Math.floor(random() * 2 ** 40),
        response_bytes: Math.floor(random() * 1000),
        metadata: random() < 0.3 ? {} : object(0),
      },
      // Millisecond timestamps across centuries, including before 1970.
      Math.floor((random() - 0.3) * 2 ** 42),
    ),
  );
}

describe('the canonical record built from columns (SPEC 12)', () => {
  it('lists the columns in the JCS order of their record keys', () => {
    const keys = CHAIN_COLUMNS.map((column) => (column === 'timestamp_ms' ? 'timestamp' : column));
    // JCS sorts by UTF-16 code units; the default sort compares exactly those.
    expect(keys).toEqual([...keys].sort());
  });

  it('is canonicalize of the stored record JSON with seq, for 2,000 odd records read back', () => {
    temp = tempDatabase();
    const records = oddRecords(2000);
    const writer = createActivityWriter(temp.db);
    for (let i = 0; i < records.length; i += 250)
      writer.insertRows(records.slice(i, i + 250).map(toInsertParams));

    const objects = temp.db.sqlite
      .prepare<[], ActivityRow>(`SELECT ${RECORD_COLUMNS} FROM activity ORDER BY seq`)
      .all();
    const raw = temp.db.sqlite
      .prepare<[], [...ChainValues, string, string]>(
        `SELECT ${CHAIN_COLUMNS_SQL}, prev_hash, hash FROM activity ORDER BY seq`,
      )
      .raw()
      .all();
    expect(raw).toHaveLength(records.length);
    let altered = 0;
    raw.forEach((values, i) => {
      const row = objects[i]!;
      const expected = canonicalize({ ...toRecord(row), seq: row.seq });
      expect(canonicalValues(values)).toBe(expected);
      // The writer hashed the same bytes before the insert (or read them back for lone surrogates).
      expect(values[24]).toBe(valuesHash(values[23], values));
      if (row.response !== records[i]!.response) altered += 1;
    });
    // The generator did reach the read-back path (lone surrogates come back altered).
    expect(altered).toBeGreaterThan(0);
  });

  it('renders in SQLite as exactly these bytes, or the row is checked from its values', () => {
    temp = tempDatabase();
    const writer = createActivityWriter(temp.db);
    const records = oddRecords(2000);
    for (let i = 0; i < records.length; i += 250)
      writer.insertRows(records.slice(i, i + 250).map(toInsertParams));
    const sqlite = temp.db.sqlite;
    const raw = sqlite
      .prepare<[], [...ChainValues, string, string, string | null, string | null]>(
        `SELECT ${CHAIN_COLUMNS_SQL}, prev_hash, hash, ${HASHED_TEXT_SQL}, ${LINKED_TEXT_SQL}
         FROM activity ORDER BY seq`,
      )
      .raw()
      .all();
    let rendered = 0;
    for (const values of raw) {
      const text = values[25];
      // The one string per row verify's pages read: the stored hash, then the same text.
      expect(values[26]).toBe(text === null ? null : values[24] + text);
      if (text === values[23] + canonicalValues(values)) rendered += 1;
      else expect(renderedOnlyByJavaScript(values)).toBe(true);
    }
    // Many odd records still take the fast path: the misses are the generator's extremes (a
    // third of its timestamps are before 1970, half its durations are the edge numbers).
    expect(rendered).toBeGreaterThan(records.length / 3);

    const links = storedLinks(sqlite);
    let held = 0;
    for (let row = links.next(); row !== null; row = links.next()) if (links.holds(row)) held += 1;
    expect(held).toBe(records.length);
  });

  it('renders durations as the gateway records them (hundredths of a millisecond) exactly', () => {
    temp = tempDatabase();
    const render = temp.db.sqlite
      .prepare<[number], string>(`SELECT concat(${DURATION_SQL}) FROM (SELECT ? AS duration_ms)`)
      .pluck();
    const random = rng(7);
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.round(random() * 10 ** Math.floor(random() * 9) * 100) / 100;
      expect(render.get(ms)).toBe(`${ms}`);
    }
  });
});

const LAST_FOUR_DIGIT_YEAR_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Values SQLite writes otherwise than ECMAScript (verify then hashes the row from its values):
 * a timestamp outside 1970–9999 and numbers in exponent form, whole past 2^53, or needing 16
 * significant digits (SQLite prints 17).
 */
function renderedOnlyByJavaScript(values: ChainValuesView): boolean {
  const ms = values[18];
  if (ms < 0 || ms > LAST_FOUR_DIGIT_YEAR_MS) return true;
  const duration = values[3];
  if (duration === null) return false;
  const printed = `${duration}`;
  const digits = printed.replace(/^[-0.]+/, '').replace('.', '').length;
  return printed.includes('e') || Math.abs(duration) >= 2 ** 53 || digits === 16;
}
