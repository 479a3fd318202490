/**
 * Opens (and creates or migrates) Switchboard's SQLite database.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

export interface SwitchboardDatabase {
  readonly path: string;
  readonly sqlite: Database.Database;
  /** Logical size of the database: page_count * page_size. */
  sizeBytes(): number;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** Path to a better-sqlite3 native addon built for another runtime (the Electron build). */
  nativeBinding?: string;
  /** Migrations to apply; the shipped list unless a test supplies its own. */
  migrations?: readonly Migration[];
}

export class DatabaseVersionError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${file}: the database has schema version ${found}, newer than the ${supported} this Switchboard supports. ` +
        'Upgrade Switchboard, or point --data-dir at another directory.',
    );
    this.name = 'DatabaseVersionError';
  }
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SwitchboardDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(
    file,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  try {
    configure(sqlite);
    migrate(sqlite, file, options.migrations ?? MIGRATIONS);
    // Refresh planner statistics where they are missing or stale (bounded work per index), so
    // multi-filter queries pick the most selective index.
    sqlite.pragma('analysis_limit = 1000');
    sqlite.pragma('optimize = 0x10002');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const pageCount = sqlite.prepare<[], number>('PRAGMA page_count').pluck();
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  return {
    path: file,
    sqlite,
    sizeBytes: () => (pageCount.get() ?? 0) * pageSize,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

function configure(sqlite: Database.Database): void {
  // Must precede the first table: it cannot be switched on later without a full VACUUM, and
  // size retention needs freed pages to really leave the file.
  sqlite.pragma('auto_vacuum = INCREMENTAL');
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode syncs at checkpoints, not at every commit: a committed transaction
  // survives a process crash; only a power loss or OS crash can drop the last few commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // The default 2 MB page cache is far smaller than the hot pages of a dozen indexes and the
  // full-text segments: past a few hundred thousand rows every insert missed it and write cost
  // grew with the table. 64 MB keeps the write path flat (see docs/PERFORMANCE.md).
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('foreign_keys = ON');
}

function migrate(sqlite: Database.Database, file: string, migrations: readonly Migration[]): void {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = sqlite.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseVersionError(file, current, latest);
  const pending = [...migrations]
    .filter((m) => m.version > current)
    .sort((a, b) => a.version - b.version);
  if (pending.length === 0) return;
  sqlite.transaction(() => {
    for (const migration of pending) {
      try {
        sqlite.exec(migration.sql);
        migration.run?.(sqlite);
      } catch (error) {
        throw new Error(
          `${file}: migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    // user_version cannot take a bound parameter; the value is an integer we computed.
    sqlite.pragma(`user_version = ${Math.trunc(pending[pending.length - 1]?.version ?? current)}`);
  })();
}

export { LATEST_SCHEMA_VERSION };
