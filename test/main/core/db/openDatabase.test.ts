import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DatabaseVersionError,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  openDatabase,
  type SwitchboardDatabase,
} from '../../../../src/main/core/db';
import { pageSql } from '../../../../src/main/core/activity/activityStore';
import { createActivityWriter } from '../../../../src/main/core/activity/recorder/activityWriter';
import { newActivityRecord } from '../../../../src/main/core/activity/newActivityRecord';
import {
  INSERT_ACTIVITY_SQL,
  LIST_COLUMNS,
  toInsertParams,
} from '../../../../src/main/core/activity/recordRow';
import type { ActivityFilter } from '../../../../src/shared/activity';

const dirs: string[] = [];
const open: SwitchboardDatabase[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-db-'));
  dirs.push(dir);
  return join(dir, 'activity.db');
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function openTracked(file: string): SwitchboardDatabase {
  const db = openDatabase(file);
  open.push(db);
  return db;
}

describe('openDatabase', () => {
  it('creates the schema through the migrations with WAL and incremental auto-vacuum', () => {
    const db = openTracked(tempFile());
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('auto_vacuum', { simple: true })).toBe(2); // INCREMENTAL
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    const tables = db.sqlite
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['activity', 'activity_fts', 'activity_totals', 'mcp_tokens']),
    );
    const columns = db.sqlite
      .prepare<[], { name: string }>('PRAGMA table_info(activity)')
      .all()
      .map((c) => c.name);
    expect(columns).toEqual(
      expect.arrayContaining([
        'seq',
        'id',
        'type',
        'timestamp_ms',
        'server_name',
        'tool_name',
        'arguments',
        'response',
        'response_truncated',
        'status',
        'error_message',
        'error_kind',
        'duration_ms',
        'session_id',
        'client_name',
        'client_version',
        'token_id',
        'token_name',
        'request_bytes',
        'response_bytes',
        'policy_id',
        'reason',
        'metadata',
      ]),
    );
    const sql = db.sqlite
      .prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'activity'")
      .pluck()
      .get();
    expect(sql).toMatch(/seq INTEGER PRIMARY KEY AUTOINCREMENT/);
  });

  it('reopens an existing database without re-running migrations', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openTracked(file);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
  });

  it('applies all pending migrations in one transaction, and none when one fails', () => {
    const file = tempFile();
    const broken = [
      ...MIGRATIONS,
      { version: 99, name: 'broken', sql: 'CREATE TABLE x (a); SELECT * FROM nope;' },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(
      /migration 99 \(broken\) failed: no such table: nope/,
    );
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(
      raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'activity'").get(),
    ).toEqual({ n: 0 });
    raw.close();
  });

  it('refuses a database from a newer version, naming the file and both versions', () => {
    const file = tempFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    raw.close();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseVersionError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 3}`);
    expect((error as Error).message).toContain(
      `the ${LATEST_SCHEMA_VERSION} this Switchboard supports`,
    );
  });
});

describe('query plans', () => {
  const cases: [string, ActivityFilter, string][] = [
    ['no filter', {}, 'activity_by_time'],
    ['type', { type: ['policy_decision'] }, 'activity_by_type'],
    ['server', { server: 'github' }, 'activity_by_server'],
    ['tool', { tool: 'search' }, 'activity_by_tool'],
    ['session', { session_id: 's1' }, 'activity_by_session'],
    ['status', { status: ['error'] }, 'activity_by_status'],
    ['token id', { token: 'tok-1' }, 'activity_by_token_id'],
    [
      'time range',
      { start_time: '2026-01-01T00:00:00.000Z', end_time: '2026-01-02T00:00:00.000Z' },
      'activity_by_time',
    ],
  ];
  it.each(cases)('a %s page walks an index in order, without a sort', (_name, filter, index) => {
    const db = openTracked(tempFile());
    const { sql, params } = pageSql(filter, LIST_COLUMNS, null, {
      tokenMatch: 'id',
      fullText: 'driver',
    });
    const plan = db.sqlite
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params, 50, 0)
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toContain(index);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('a token name page and a cursor page use their indexes', () => {
    const db = openTracked(tempFile());
    const byName = pageSql({ token: 'Claude' }, LIST_COLUMNS, null, {
      tokenMatch: 'name',
      fullText: 'driver',
    });
    const cursor = pageSql(
      { server: 'github' },
      LIST_COLUMNS,
      { key: 5, seq: 9 },
      { tokenMatch: 'id', fullText: 'driver' },
    );
    for (const [q, index] of [
      [byName, 'activity_by_token_name'],
      [cursor, 'activity_by_server'],
    ] as const) {
      const plan = db.sqlite
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${q.sql}`)
        .all(...q.params, 50, 0)
        .map((r) => r.detail)
        .join('\n');
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('a server combined with status counts by seeks on the group index, reading no rows', () => {
    const db = openTracked(tempFile());
    const sql = `SELECT count(*) FROM activity INDEXED BY activity_by_group
      WHERE type IN (?, ?, ?, ?) AND status = ? AND server_name = ?`;
    const plan = db.sqlite
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all('tool_call', 'policy_decision', 'server_change', 'quarantine_change', 'error', 'github')
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(
      /SEARCH activity USING COVERING INDEX activity_by_group \(type=\? AND status=\? AND server_name=\?\)/,
    );
  });

  it('full text with few matches drives by seq through the FTS5 index', () => {
    const db = openTracked(tempFile());
    const { sql, params } = pageSql({ q: 'hello wor' }, LIST_COLUMNS, null, {
      tokenMatch: 'id',
      fullText: 'driver',
    });
    const plan = db.sqlite
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params, 50, 0)
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(plan).toMatch(/INTEGER PRIMARY KEY/);
  });

  it('full text with many matches walks a filter index in time order, testing membership', () => {
    const db = openTracked(tempFile());
    for (const [filter, index] of [
      [{ q: 'hello' }, 'activity_by_time'],
      [{ q: 'hello', server: 'github' }, 'activity_by_server'],
    ] as const) {
      const { sql, params } = pageSql(filter, LIST_COLUMNS, null, {
        tokenMatch: 'id',
        fullText: 'filter',
      });
      const plan = db.sqlite
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params, 50, 0)
        .map((r) => r.detail)
        .join('\n');
      expect(plan).toContain(index);
      expect(plan).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe('migrations after the first', () => {
  it('keeps a version-1 log and makes the latency index hold type and status', () => {
    const file = tempFile();
    const v1 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version === 1) });
    v1.sqlite
      .prepare(
        `INSERT INTO activity (id, type, timestamp_ms, server_name, tool_name, status, duration_ms)
         VALUES (?, 'tool_call', 5, 'github', 'search', 'error', 12.5)`,
      )
      .run('01A');
    v1.close();

    const db = openTracked(file);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.sqlite.prepare('SELECT id, duration_ms FROM activity').all()).toEqual([
      { id: '01A', duration_ms: 12.5 },
    ]);
    const columns = db.sqlite
      .prepare<[], string>("SELECT name FROM pragma_index_info('activity_by_tool_duration')")
      .pluck()
      .all();
    expect(columns).toEqual([
      'tool_name',
      'server_name',
      'duration_ms',
      'timestamp_ms',
      'type',
      'status',
    ]);
    // A summary percentile with a status filter walks the index without reading rows.
    const plan = db.sqlite
      .prepare<unknown[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT duration_ms FROM activity INDEXED BY activity_by_tool_duration
         WHERE status = ? AND tool_name = ? AND timestamp_ms >= ? AND server_name IS ?
         AND duration_ms IS NOT NULL ORDER BY duration_ms LIMIT 1 OFFSET ?`,
      )
      .all('error', 'search', 0, 'github', 0)
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH activity USING COVERING INDEX activity_by_tool_duration/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('migration 3: a full-text count limited to one server seeks (server_name, seq) per match', () => {
    const db = openTracked(tempFile());
    const plan = db.sqlite
      .prepare<unknown[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT count(*) FROM activity INDEXED BY activity_by_server_seq
         WHERE server_name = ? AND seq IN (SELECT rowid FROM activity_fts WHERE activity_fts MATCH ?)`,
      )
      .all('github', 'word*')
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(
      /SEARCH activity USING COVERING INDEX activity_by_server_seq \(server_name=\? AND rowid=\?\)/,
    );
  });

  it('migration 4: full-text leaves of 16 KB; what was indexed before stays searchable', () => {
    const file = tempFile();
    const matches = (db: SwitchboardDatabase, word: string): number[] =>
      db.sqlite
        .prepare<[string], number>('SELECT rowid FROM activity_fts WHERE activity_fts MATCH ?')
        .pluck()
        .all(word);
    const write = (db: SwitchboardDatabase, query: string): void => {
      createActivityWriter(db).insertRows([
        toInsertParams(
          newActivityRecord({ type: 'tool_call', tool_name: 'search', arguments: { query } }),
        ),
      ]);
    };
    // The writer of a version-3 log: today's writer needs the chain columns of migration 5.
    const writeV3 = (db: SwitchboardDatabase, query: string): void => {
      const row = toInsertParams(
        newActivityRecord({ type: 'tool_call', tool_name: 'search', arguments: { query } }),
      );
      const seq = Number(db.sqlite.prepare(INSERT_ACTIVITY_SQL).run(row).lastInsertRowid);
      db.sqlite
        .prepare('INSERT INTO activity_fts (rowid, tool_name, arguments) VALUES (?, ?, ?)')
        .run(seq, row.tool_name, row.arguments);
    };
    const v3 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 3) });
    writeV3(v3, 'lighthouse keeper');
    v3.close();

    const db = openTracked(file);
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(
      db.sqlite.prepare("SELECT v FROM activity_fts_config WHERE k = 'pgsz'").pluck().get(),
    ).toBe(16000);
    write(db, 'lighthouse beacon');
    expect(matches(db, 'lighthouse')).toEqual([1, 2]);
    expect(matches(db, 'keeper')).toEqual([1]);
    db.sqlite.exec("INSERT INTO activity_fts (activity_fts) VALUES ('integrity-check')");
  });
});
