import canonicalize from 'canonicalize';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  RECORD_COLUMNS,
  toInsertParams,
  toRecord,
  type ActivityRow,
} from '../../../../src/main/core/activity/recordRow';
import { createActivityWriter } from '../../../../src/main/core/activity/recorder/activityWriter';
import {
  canonicalRecord,
  canonicalValues,
  chainValues,
  recordHash,
  type ChainRow,
} from '../../../../src/main/core/audit';
import { MIGRATIONS, openDatabase } from '../../../../src/main/core/db';
import { ZERO_HASH } from '../../../../src/shared/audit';
import { makeRecord, tempDatabase, type TempDatabase } from '../activity/activityFixtures';

let temp: TempDatabase | null = null;
afterEach(() => {
  temp?.cleanup();
  temp = null;
});

type Stored = ChainRow & { prev_hash: string; hash: string };

function storedRows(db: Database.Database): Stored[] {
  return db
    .prepare<[], Stored>(`SELECT ${RECORD_COLUMNS}, prev_hash, hash FROM activity ORDER BY seq`)
    .all();
}

describe('the bytes a record hash covers (SPEC 12)', () => {
  it('are the JCS of the stored record JSON with seq added', () => {
    temp = tempDatabase();
    const writer = createActivityWriter(temp.db);
    writer.insertRows([
      toInsertParams(makeRecord({ arguments: { z: 1, a: [{ y: 'é', b: null }], n: 1e21 } })),
      toInsertParams(
        makeRecord({ metadata: { action: 'restart', ünï: '\u2028' }, duration_ms: 0.1 + 0.2 }),
      ),
      toInsertParams(makeRecord({ arguments: null, response: null, duration_ms: null })),
    ]);
    for (const row of storedRows(temp.db.sqlite)) {
      const record = { ...toRecord(row as ActivityRow), seq: row.seq };
      expect(canonicalRecord(row)).toBe(canonicalize(record));
    }
  });

  it('print the timestamp as toISOString does, at second, year and range boundaries', () => {
    const values = chainValues(
      toInsertParams(makeRecord()) as unknown as ChainRow & { seq: number },
    );
    const edges = [
      0, 1, 999, 1000, 59_999, 951_782_399_999, 1_733_000_000_123, 253_402_300_799_999,
    ];
    for (const ms of [
      ...edges,
      ...edges.map((ms) => ms + 1),
      1.5,
      -1,
      -1001,
      253_402_300_800_000,
    ]) {
      values[18] = ms;
      expect(canonicalValues(values)).toContain(`"timestamp":"${new Date(ms).toISOString()}"`);
    }
  });

  it('use the values as read back: text with a lone surrogate, which comes back altered, hashes as stored', () => {
    temp = tempDatabase();
    createActivityWriter(temp.db).insertRows([
      toInsertParams(makeRecord({ response: 'half \ud83d of an emoji', error_message: '\udc00' })),
    ]);
    const [row] = storedRows(temp.db.sqlite);
    expect(row?.response).toMatch(/^half \ufffd+ of an emoji$/);
    expect(row?.hash).toBe(recordHash(row!.prev_hash, row!));
  });

  it('link each record to the previous hash, the first to 64 zeros', () => {
    temp = tempDatabase();
    createActivityWriter(temp.db).insertRows([
      toInsertParams(makeRecord()),
      toInsertParams(makeRecord()),
    ]);
    const [first, second] = storedRows(temp.db.sqlite);
    expect(first?.prev_hash).toBe(ZERO_HASH);
    expect(second?.prev_hash).toBe(first?.hash);
    expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('migration 5', () => {
  it('chains the records that exist when it runs, oldest first, and continues after the last seq issued', () => {
    temp = tempDatabase();
    const file = temp.file;
    temp.db.close();
    // A version-4 log with a gap left by an old delete and its newest record deleted.
    const v4 = openDatabase(`${file}.v4`, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    const insert = v4.sqlite.prepare(
      `INSERT INTO activity (id, type, timestamp_ms, status, metadata, arguments)
       VALUES (@id, @type, @timestamp_ms, @status, @metadata, @arguments)`,
    );
    for (let i = 0; i < 6; i++) {
      const p = toInsertParams(makeRecord({}, Date.parse('2026-01-01T00:00:00Z') + i));
      insert.run({
        id: p.id,
        type: p.type,
        timestamp_ms: p.timestamp_ms,
        status: p.status,
        metadata: p.metadata,
        arguments: p.arguments,
      });
    }
    v4.sqlite.exec('DELETE FROM activity WHERE seq IN (3, 6)');
    v4.close();

    const db = openDatabase(`${file}.v4`);
    try {
      const rows = storedRows(db.sqlite);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 4, 5]);
      let prev = ZERO_HASH;
      for (const row of rows) {
        expect(row.prev_hash).toBe(prev);
        expect(row.hash).toBe(recordHash(prev, row));
        prev = row.hash;
      }
      expect(
        db.sqlite.prepare('SELECT seq, hash, migrated_through_seq FROM audit_head').get(),
      ).toEqual({
        seq: 6,
        hash: prev,
        migrated_through_seq: 6,
      });
      const [seq] = createActivityWriter(db).insertRows([toInsertParams(makeRecord())]);
      expect(seq).toBe(7);
    } finally {
      db.close();
    }
  });
});
