/**
 * Export lines straight from SQLite: keyset pages (newest first, the same order and filters as
 * the list) of rows that SQLite has already mostly formatted (exportLinePlan.ts), read with
 * `.raw()` so better-sqlite3 builds no object per row.
 *
 * Each export reads through its own read-only connection with a small page cache. An export
 * touches every table page it exports once: through the shared connection it would fill that
 * connection's 64 MB cache (process memory) and evict the index pages list and summary queries
 * keep hot, for no gain, since no page is read twice.
 */
import Database from 'better-sqlite3';
import type { ActivityFilter, ExportFormat } from '../../../shared/activity';
import type { OrderKey } from './activityOrder';
import { pageSql } from './activityStore';
import { exportLayout } from './exportLayout';
import { exportLinePlan } from './exportLinePlan';
import { createQueryPlanner } from './queryPlan';
import { createStatementCache } from './statementCache';

export interface ExportRequest {
  filter: ActivityFilter;
  format: ExportFormat;
  include_bodies: boolean;
  /** Leave out records after this seq (an export that ends at a checkpoint, SPEC 12). */
  maxSeq?: number;
}

/** Some consecutive export lines (each with its terminator) and how many rows they hold. */
export interface ExportLines {
  text: string;
  rows: number;
}

export interface ExportLineSource {
  /**
   * The lines of every row the filter matches, newest first, one page of at most `pageSize`
   * rows per step: nothing is read before the caller asks for the next page.
   */
  pages(request: ExportRequest, pageSize: number): Iterator<ExportLines>;
}

export interface ExportLinesOptions {
  /** The activity database file; each export opens its own read-only connection to it. */
  path: string;
  /** As openDatabase's: the better-sqlite3 addon built for another runtime (Electron). */
  nativeBinding?: string;
  /** Sees each statement the export runs (a reader's slow-read log, readers/slowQueries.ts). */
  trace?: { verbose(sql: unknown): void; attach(sqlite: Database.Database): void };
}

/** 2 MB: enough for the interior B-tree pages of the walk (keyset order keeps them shared). */
const EXPORT_CACHE_KIB = 2048;

export function createExportLines(options: ExportLinesOptions): ExportLineSource {
  return {
    *pages(request, pageSize) {
      if (!Number.isInteger(pageSize) || pageSize < 1) {
        throw new RangeError(`export page size: expected a positive integer, got ${pageSize}`);
      }
      const sqlite = new Database(options.path, {
        readonly: true,
        fileMustExist: true,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(options.trace ? { verbose: options.trace.verbose } : {}),
      });
      options.trace?.attach(sqlite);
      try {
        sqlite.pragma(`cache_size = -${EXPORT_CACHE_KIB}`);
        yield* readPages(sqlite, request, pageSize);
      } finally {
        sqlite.close();
      }
    },
  };
}

function* readPages(
  sqlite: Database.Database,
  request: ExportRequest,
  pageSize: number,
): Generator<ExportLines> {
  const { filter } = request;
  const plan = createQueryPlanner(sqlite)(filter);
  const lines = exportLinePlan(exportLayout(request.format, request.include_bodies));
  // The key the next page starts after comes last: (timestamp_ms, seq).
  const columns = [...lines.select, 'timestamp_ms', 'seq'].join(', ');
  const keyAt = lines.select.length;
  const statement = createStatementCache(sqlite, 4);
  let after: OrderKey | null = null;
  for (;;) {
    const sql = pageSql(filter, columns, after, plan);
    const rows = statement(sql.sql)
      .raw(true)
      .all(...sql.params, pageSize, 0) as unknown[][];
    let text = '';
    let kept = 0;
    for (const row of rows) {
      if (request.maxSeq !== undefined && (row[keyAt + 1] as number) > request.maxSeq) continue;
      text += lines.line(row);
      kept++;
    }
    if (kept > 0) yield { text, rows: kept };
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || last === undefined) return;
    after = { key: last[keyAt] as number, seq: last[keyAt + 1] as number };
  }
}
