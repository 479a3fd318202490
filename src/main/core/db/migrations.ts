/**
 * Schema migrations as data (STYLE 3): applied in order on `PRAGMA user_version`, all pending ones
 * in one transaction. Append new migrations; never edit one that has shipped.
 */
import type Database from 'better-sqlite3';
import { chainExistingRecords } from '../audit/chainExistingRecords';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A data step that SQL cannot express, run after `sql` in the same transaction. */
  run?: (sqlite: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'activity log, full-text index, totals, MCP tokens',
    sql: `
      -- seq is AUTOINCREMENT so a sequence number is never reused after deletes: SSE ids and
      -- replay rely on it. timestamp_ms is the record's RFC 3339 timestamp as epoch milliseconds.
      -- The bodies (arguments, response) come last: reading a list row stops before them, so it
      -- never walks their overflow pages.
      CREATE TABLE activity (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        timestamp_ms INTEGER NOT NULL,
        server_name TEXT,
        tool_name TEXT,
        status TEXT NOT NULL,
        error_kind TEXT,
        duration_ms REAL,
        session_id TEXT,
        client_name TEXT,
        client_version TEXT,
        token_id TEXT,
        token_name TEXT,
        request_bytes INTEGER NOT NULL DEFAULT 0,
        response_bytes INTEGER NOT NULL DEFAULT 0,
        response_truncated INTEGER NOT NULL DEFAULT 0,
        policy_id TEXT,
        error_message TEXT,
        reason TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        arguments TEXT,
        response TEXT
      );

      -- Newest-first keyset paging orders by (timestamp_ms, seq); seq is the rowid, which every
      -- index carries, so each (filter column, timestamp_ms) index serves filter + order + cursor.
      -- The time index also covers the summary's columns so a 30-day summary never reads rows.
      CREATE INDEX activity_by_time ON activity (timestamp_ms, seq, type, status, server_name, tool_name, duration_ms);
      CREATE INDEX activity_by_type ON activity (type, timestamp_ms);
      CREATE INDEX activity_by_server ON activity (server_name, timestamp_ms);
      CREATE INDEX activity_by_tool ON activity (tool_name, timestamp_ms);
      CREATE INDEX activity_by_session ON activity (session_id, timestamp_ms);
      CREATE INDEX activity_by_status ON activity (status, timestamp_ms);
      CREATE INDEX activity_by_token_id ON activity (token_id, timestamp_ms);
      CREATE INDEX activity_by_token_name ON activity (token_name, timestamp_ms);
      -- Week and month summaries: GROUP BY type, status, server, tool streams through this index
      -- in order, with no sort and no row reads.
      CREATE INDEX activity_by_group ON activity (type, status, server_name, tool_name, timestamp_ms, duration_ms);
      -- Latency percentiles walk one tool's durations in order instead of sorting them.
      CREATE INDEX activity_by_tool_duration ON activity (tool_name, server_name, duration_ms, timestamp_ms);

      -- Contentless with contentless_delete: the text lives only in activity, and retention
      -- deletes by rowid without re-tokenizing the old values. rowid = activity.seq.
      -- detail = none stores no positions: a quarter less write time and a smaller index; search
      -- needs no phrases because fullTextQuery.ts splits input into single tokens.
      CREATE VIRTUAL TABLE activity_fts USING fts5 (
        tool_name, arguments, response, error_message, reason,
        content = '', contentless_delete = 1, detail = none,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      -- count(*) over a million rows costs more than a page of them: the unfiltered total is kept
      -- here, updated in the same transaction as every insert and delete.
      CREATE TABLE activity_totals (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        records INTEGER NOT NULL
      );
      INSERT INTO activity_totals (id, records) VALUES (1, 0);

      CREATE TABLE mcp_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked INTEGER NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 2,
    name: 'latency index holds type and status',
    sql: `
      -- Summary percentiles walk one tool's durations in order. Without type and status in the
      -- index, a summary filtered by them read a row per entry walked (30-day status=success on
      -- 1M rows: 2.5 s); holding them keeps the walk in the index. Same index count on writes.
      DROP INDEX activity_by_tool_duration;
      CREATE INDEX activity_by_tool_duration ON activity (tool_name, server_name, duration_ms, timestamp_ms, type, status);
    `,
  },
  {
    version: 3,
    name: 'server index for counts by sequence',
    sql: `
      -- (server_name, seq): the exact total of a full-text search limited to one server is one
      -- seek per match here (1M rows, 17k matches: 13.5 ms) instead of a walk of every row of the
      -- server in activity_by_server (60-90 ms). Pages keep activity_by_server (it is in time order).
      -- No ANALYZE here: on a young log it records stale statistics that make every later open's
      -- PRAGMA optimize re-analyze the table; optimize at open analyzes the new index (bounded).
      CREATE INDEX activity_by_server_seq ON activity (server_name);
    `,
  },
  {
    version: 4,
    name: 'full-text leaves of 16 KB',
    sql: `
      -- FTS5 merges delete the %_data rows of the segments they consume. With the default 4 KB
      -- leaves (one per database page) that is a b-tree row, and a page read past a cache the
      -- activity table's inserts keep evicting, for every 4 KB of index: perf put 80% of the
      -- recorder worker's time in those deletes once the log passed 300k rows, and a build to 1M
      -- averaged 1,233 rows/s. 16 KB leaves (overflow pages within one row) keep the write cost
      -- flat: about 5,000 rows/s at 600k rows (see docs/DECISIONS.md). Applies to leaves written
      -- from now on; existing segments are rewritten by later merges.
      INSERT INTO activity_fts (activity_fts, rank) VALUES ('pgsz', 16000);
    `,
  },
  {
    version: 5,
    name: 'hash chain and signed checkpoints',
    sql: `
      -- SPEC 12. The chain columns come after the bodies: list reads stop before both.
      ALTER TABLE activity ADD COLUMN prev_hash TEXT;
      ALTER TABLE activity ADD COLUMN hash TEXT;
      -- The newest link, kept apart from the rows so a clear that deletes them all does not
      -- restart the chain; migrated_through_seq: seq gaps up to it predate the chain.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        migrated_through_seq INTEGER NOT NULL
      );
      CREATE TABLE audit_checkpoints (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        first_kept_seq INTEGER,
        last_deleted_hash TEXT,
        reason TEXT,
        clear_record_id TEXT,
        key_fingerprint TEXT NOT NULL,
        signature TEXT NOT NULL
      );
      CREATE INDEX audit_checkpoints_by_seq ON audit_checkpoints (seq);
    `,
    run: chainExistingRecords,
  },
  {
    version: 6,
    name: 'tool pins',
    sql: `
      -- SPEC 11: one row per tool a server last listed. sha256/definition/pinned_at are the
      -- approved (pinned) definition; current_* hold a differing listing until it is approved.
      -- The rows also keep a down server's last tool names routable (SPEC 3).
      CREATE TABLE tool_pins (
        server_name TEXT NOT NULL,
        tool_name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pinned', 'changed', 'new')),
        sha256 TEXT NOT NULL,
        definition TEXT NOT NULL,
        pinned_at TEXT NOT NULL,
        current_sha256 TEXT,
        current_definition TEXT,
        changed_at TEXT,
        PRIMARY KEY (server_name, tool_name)
      ) WITHOUT ROWID;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
