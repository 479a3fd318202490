/**
 * SPEC 12: tampering with a real log file through SQLite directly is named with its kind and the
 * first broken seq. 2,500 records: checkpoints at 0 (startup), 1000 and 2000.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordHash, type ChainRow } from '../../../../src/main/core/audit';
import { RECORD_COLUMNS, toInsertParams } from '../../../../src/main/core/activity/recordRow';
import { makeRecord } from '../activity/activityFixtures';
import { chainedLog, T0, type ChainedLog } from './auditFixtures';

let log: ChainedLog | null = null;
afterEach(() => {
  log?.cleanup();
  log = null;
});

function open(records = 2500): ChainedLog {
  log = chainedLog(records);
  return log;
}

const sql = (l: ChainedLog, text: string, ...params: unknown[]): void =>
  void l.db.sqlite.prepare(text).run(...params);

describe('verify on an untouched log', () => {
  it('is ok with the count, the range, the head and the checkpoints', () => {
    const l = open();
    const head = l.db.sqlite.prepare('SELECT hash FROM activity WHERE seq = 2500').pluck().get();
    expect(l.verify()).toEqual({
      ok: true,
      records: 2500,
      first_seq: 1,
      last_seq: 2500,
      head_hash: head,
      checkpoints: 3,
      last_checkpoint_seq: 2000,
      unproved_records: 500,
    });
  });
});

describe('verify on rows stored before canonical storage', () => {
  it('accepts arguments in another key order with the same value, and still finds an edit', () => {
    const l = open();
    // Written before arguments were stored canonical: the keys in the order the agent sent them.
    const rows = l.db.sqlite
      .prepare<[], { seq: number; arguments: string }>(
        'SELECT seq, arguments FROM activity WHERE seq <= 1200',
      )
      .all();
    const reorder = l.db.sqlite.prepare('UPDATE activity SET arguments = ? WHERE seq = ?');
    for (const row of rows) {
      const value = JSON.parse(row.arguments) as Record<string, unknown>;
      const reversed = Object.fromEntries(Object.entries(value).reverse());
      expect(JSON.stringify(reversed)).not.toBe(row.arguments);
      reorder.run(JSON.stringify(reversed, null, 1), row.seq);
    }
    expect(l.verify()).toMatchObject({ ok: true, records: 2500 });
    sql(l, `UPDATE activity SET arguments = '{"path":"/tmp/file-7.txt","n":8}' WHERE seq = 8`);
    expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 8 });
  });
});

describe('verify on records whose text holds control characters', () => {
  it('accepts them as written, and finds one changed to another control character', () => {
    const l = open(0);
    const multiLine = (n: number) =>
      makeRecord(
        { response: `line ${n}\nnext\tcolumn`, error_message: n % 2 ? 'a\u0000b' : null },
        T0 + n,
      );
    l.writer.insertRows(Array.from({ length: 50 }, (_, n) => toInsertParams(multiLine(n))));
    l.append(20); // plain records after them
    expect(l.verify()).toMatchObject({ ok: true, records: 70 });
    sql(l, `UPDATE activity SET response = replace(response, char(10), char(13)) WHERE seq = 30`);
    expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 30 });
  });
});

describe('verify names each tampering with its kind and seq', () => {
  it('edited: one record arguments changed', () => {
    const l = open();
    sql(l, `UPDATE activity SET arguments = '{"path":"/etc/passwd"}' WHERE seq = 1234`);
    expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 1234 });
  });

  it('edited: values no record could hold (arguments not JSON, a timestamp not a number)', () => {
    const l = open();
    sql(l, `UPDATE activity SET timestamp_ms = 'yesterday' WHERE seq = 2200`);
    sql(l, `UPDATE activity SET arguments = '{"path":' WHERE seq = 1800`);
    expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 1800 });
    sql(l, `UPDATE activity SET arguments = NULL WHERE seq = 1800`);
    expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 1800 });
  });

  it('edited: a value stored again as a BLOB of the same bytes, or of its JSONB', () => {
    const blobs = [
      ['client_name', 'jsonb(json_quote(client_name))'],
      ['server_name', 'jsonb(json_quote(server_name))'],
      ['request_bytes', 'jsonb(request_bytes)'],
      ['tool_name', 'CAST(tool_name AS BLOB)'],
    ];
    for (const [column, blob] of blobs) {
      const l = open(1200);
      // SQLite's JSON functions read a JSONB BLOB as the stored value; the app reads a Buffer.
      sql(l, `UPDATE activity SET ${column} = ${blob} WHERE seq = 1100`);
      expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 1100 });
      l.cleanup();
      log = null;
    }
  });

  it('edited: a stored link in another form (a BLOB of the same bytes, longer, not ASCII, shifted)', () => {
    const links = [
      'prev_hash = CAST(prev_hash AS BLOB)',
      'hash = CAST(hash AS BLOB)',
      "prev_hash = prev_hash || ' '",
      "hash = hash || '0'",
      "prev_hash = substr(prev_hash, 1, 63) || 'é'",
      "hash = substr(hash, 1, 63) || '𝄞'",
      // Verify reads hash then prev_hash as one string: the same bytes, cut at another place.
      'hash = hash || substr(prev_hash, 1, 1), prev_hash = substr(prev_hash, 2)',
    ];
    for (const edit of links) {
      const l = open(1200);
      sql(l, `UPDATE activity SET ${edit} WHERE seq = 1100`);
      expect(l.verify(), edit).toMatchObject({ ok: false, kind: 'edited', seq: 1100 });
      l.cleanup();
      log = null;
    }
  });

  it('edited: a number column given text', () => {
    const l = open();
    sql(l, `UPDATE activity SET response_bytes = response_bytes || ' bytes' WHERE seq = 1900`);
    expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 1900 });
    sql(l, `UPDATE activity SET duration_ms = 'fast' WHERE seq = 1700`);
    expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 1700 });
  });

  it('deleted: a record in the middle removed', () => {
    const l = open();
    sql(l, 'DELETE FROM activity WHERE seq = 1500');
    expect(l.verify()).toMatchObject({ ok: false, kind: 'deleted', seq: 1500 });
  });

  it('inserted: a forged record with a valid hash, later records renumbered to make room', () => {
    const l = open();
    sql(l, 'UPDATE activity SET seq = seq + 1000000 WHERE seq > 1500');
    sql(l, 'UPDATE activity SET seq = seq - 1000000 + 1 WHERE seq > 1000000');
    const prev = l.db.sqlite
      .prepare<[], string>('SELECT hash FROM activity WHERE seq = 1500')
      .pluck()
      .get()!;
    const template = l.db.sqlite
      .prepare<[], ChainRow>(`SELECT ${RECORD_COLUMNS} FROM activity WHERE seq = 1500`)
      .get()!;
    const forged: ChainRow = {
      ...template,
      seq: 1501,
      id: '01FORGEDFORGEDFORGEDFORGED',
      arguments: '{"command":"rm -rf /"}',
    };
    const hash = recordHash(prev, forged);
    l.db.sqlite
      .prepare(
        `INSERT INTO activity (${RECORD_COLUMNS}, prev_hash, hash) VALUES (${Array(25).fill('?').join(', ')})`,
      )
      .run(...Object.values(forged), prev, hash);
    expect(l.verify()).toMatchObject({ ok: false, kind: 'inserted', seq: 1501 });
  });

  it('edited: two records swapped (seq is hashed)', () => {
    const l = open();
    sql(l, 'UPDATE activity SET seq = -1 WHERE seq = 700');
    sql(l, 'UPDATE activity SET seq = 700 WHERE seq = 701');
    sql(l, 'UPDATE activity SET seq = 701 WHERE seq = -1');
    expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 700 });
  });

  it('bad_signature: a checkpoint signature altered', () => {
    const l = open();
    const signature = l.db.sqlite
      .prepare<[], string>('SELECT signature FROM audit_checkpoints WHERE seq = 1000')
      .pluck()
      .get()!;
    const flipped = Buffer.from(signature, 'base64');
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    sql(
      l,
      'UPDATE audit_checkpoints SET signature = ? WHERE seq = 1000',
      flipped.toString('base64'),
    );
    expect(l.verify()).toMatchObject({ ok: false, kind: 'bad_signature', seq: 1000 });
  });

  it('bad_signature: a checkpoint moved to another seq and hash without re-signing', () => {
    const l = open();
    const row = l.db.sqlite
      .prepare<[], string>('SELECT hash FROM activity WHERE seq = 1500')
      .pluck()
      .get()!;
    sql(l, 'UPDATE audit_checkpoints SET seq = 1500, hash = ? WHERE seq = 2000', row);
    expect(l.verify()).toMatchObject({ ok: false, kind: 'bad_signature', seq: 1500 });
  });

  it('deleted: the newest records past the last checkpoint removed', () => {
    const l = open();
    sql(l, 'DELETE FROM activity WHERE seq > 2200');
    expect(l.verify()).toMatchObject({ ok: false, kind: 'deleted', seq: 2201 });
  });

  it('missing_checkpoint: more than 1,000 records without one', () => {
    const l = open();
    sql(l, 'DELETE FROM audit_checkpoints WHERE seq = 1000');
    expect(l.verify()).toMatchObject({ ok: false, kind: 'missing_checkpoint', seq: 1001 });
  });

  it('edited: a record whose hash was recomputed still breaks the checkpoint that covers it', () => {
    const l = open();
    const row = l.db.sqlite
      .prepare<[], ChainRow & { prev_hash: string }>(
        `SELECT ${RECORD_COLUMNS}, prev_hash FROM activity WHERE seq = 2000`,
      )
      .get()!;
    const edited = { ...row, response: 'nothing happened' };
    sql(
      l,
      'UPDATE activity SET response = ?, hash = ? WHERE seq = 2000',
      edited.response,
      recordHash(row.prev_hash, edited),
    );
    expect(l.verify()).toMatchObject({ ok: false, kind: 'edited', seq: 2000 });
  });

  it('cannot prove the newest records against deletion when the head is rewritten too (docs/AUDIT_CHAIN.md)', () => {
    const l = open();
    const hash = l.db.sqlite.prepare('SELECT hash FROM activity WHERE seq = 2200').pluck().get();
    sql(l, 'DELETE FROM activity WHERE seq > 2200');
    sql(l, 'UPDATE audit_head SET seq = 2200, hash = ?', hash);
    expect(l.verify()).toMatchObject({ ok: true, last_seq: 2200, unproved_records: 200 });
  });
});
