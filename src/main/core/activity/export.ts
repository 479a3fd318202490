/**
 * Export of everything a filter matches as CSV or JSON Lines (SPEC 7). The stream pulls rows from
 * the store only when its consumer asks (Readable.read), so HTTP back-pressure bounds memory
 * whatever the size of the log.
 */
import { Readable } from 'node:stream';
import {
  EXPORT_BODY_COLUMNS,
  EXPORT_CSV_COLUMNS,
  type ActivityFilter,
  type ActivityListRow,
  type ActivityRecord,
  type ExportFormat,
} from '../../../shared/activity';
import type { ActivityStore } from './contracts';
import { csvRow } from './csv';

export interface ExportOptions {
  store: Pick<ActivityStore, 'iterate' | 'iterateRows'>;
  filter: ActivityFilter;
  format: ExportFormat;
  includeBodies: boolean;
  /** Rows read from SQLite per page. */
  pageSize?: number;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** e.g. `switchboard-activity-2026-11-23.csv` (UTC date). */
export function exportFileName(format: ExportFormat, now: Date = new Date()): string {
  return `switchboard-activity-${now.toISOString().slice(0, 10)}.${format}`;
}

const CHUNK_CHARS = 64 * 1024;

export function createExportStream(options: ExportOptions): Readable {
  const { format, includeBodies } = options;
  const columns: readonly (keyof ActivityRecord)[] = includeBodies
    ? [...EXPORT_CSV_COLUMNS, ...EXPORT_BODY_COLUMNS]
    : EXPORT_CSV_COLUMNS;
  let rows: Iterator<ActivityRecord | ActivityListRow> | null = null;

  const line = (row: ActivityRecord | ActivityListRow): string => {
    if (format === 'csv') return csvRow(columns.map((c) => (row as Partial<ActivityRecord>)[c]));
    if (includeBodies || !('arguments' in row)) return `${JSON.stringify(row)}\n`;
    const { arguments: _a, response: _r, ...listRow } = row;
    return `${JSON.stringify(listRow)}\n`;
  };

  // Without bodies, read list rows: arguments and responses never leave SQLite.
  const open = (): Iterator<ActivityRecord | ActivityListRow> => {
    const pageSize = options.pageSize ?? 1000;
    const { store, filter } = options;
    const source =
      !includeBodies && store.iterateRows
        ? store.iterateRows(filter, pageSize)
        : store.iterate(filter, pageSize);
    return source[Symbol.iterator]();
  };

  return new Readable({
    encoding: 'utf8',
    read() {
      try {
        let chunk = '';
        if (rows === null) {
          rows = open();
          if (format === 'csv') chunk = csvRow(columns);
        }
        while (chunk.length < CHUNK_CHARS) {
          const next = rows.next();
          if (next.done) {
            if (chunk.length > 0) this.push(chunk);
            this.push(null);
            return;
          }
          chunk += line(next.value);
        }
        this.push(chunk);
      } catch (error) {
        this.destroy(error as Error);
      }
    },
    destroy(error, callback) {
      rows?.return?.();
      callback(error);
    },
  });
}
