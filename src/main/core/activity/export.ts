/**
 * Export of everything a filter matches as CSV or JSON Lines (SPEC 7). The stream reads a page
 * of rows only when its consumer asks (Readable.read), so HTTP back-pressure bounds memory
 * whatever the size of the log.
 */
import { Readable } from 'node:stream';
import {
  EXPORT_BODY_COLUMNS,
  EXPORT_CHAIN_COLUMNS,
  EXPORT_CSV_COLUMNS,
  type ActivityFilter,
  type ExportFormat,
} from '../../../shared/activity';
import type { ActivityStore } from './contracts';
import { csvRow } from './csv';
import type { ExportLineSource, ExportLines } from './exportLines';
import { storeExportLines } from './storeExportLines';

export interface ExportOptions {
  /**
   * What to read: createExportLines({ path }) reads the database file directly (the fast way);
   * an ActivityStore is read through its record iterators (storeExportLines.ts).
   */
  store: ExportLineSource | Pick<ActivityStore, 'iterateExport'>;
  filter: ActivityFilter;
  format: ExportFormat;
  include_bodies: boolean;
  /**
   * Rows read per page. The defaults keep a page's text small (about 120 KB of JSON Lines; bodies
   * may be 64 KB a row): larger pages survive young-generation GCs and grow the heap (RSS).
   */
  pageSize?: number;
  /**
   * SPEC 12: an unfiltered JSON Lines export with bodies stops at the checkpoint it forced
   * (`maxSeq`) and ends with the checkpoint's line (`trailer`).
   */
  maxSeq?: number;
  trailer?: string;
  /** Called with the running row count each time text is handed to the consumer. */
  onRows?: (rows: number) => void;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** e.g. `switchboard-activity-2026-11-23.csv` (UTC date). */
export function exportFileName(format: ExportFormat, now: Date = new Date()): string {
  return `switchboard-activity-${now.toISOString().slice(0, 10)}.${format}`;
}

/**
 * An export file is written under this suffix and renamed when complete, so a cancelled or failed
 * export never leaves a truncated file under the chosen name (desktop and CLI alike).
 */
export const PARTIAL_EXPORT_SUFFIX = '.partial';

const CHUNK_CHARS = 64 * 1024;

function isLineSource(store: ExportOptions['store']): store is ExportLineSource {
  return 'pages' in store;
}

export function createExportStream(options: ExportOptions): Readable {
  const { filter, format, include_bodies, onRows } = options;
  const source = isLineSource(options.store) ? options.store : storeExportLines(options.store);
  const pageSize = options.pageSize ?? (include_bodies ? 50 : 250);
  let pages: Iterator<ExportLines> | null = null;
  let rows = 0;

  // No `encoding`: text is pushed as strings and becomes Buffers once, on its way out.
  return new Readable({
    read() {
      try {
        let chunk = '';
        if (pages === null) {
          pages = source.pages(
            {
              filter,
              format,
              include_bodies,
              ...(options.maxSeq !== undefined ? { maxSeq: options.maxSeq } : {}),
            },
            pageSize,
          );
          if (format === 'csv') {
            chunk = csvRow([
              ...EXPORT_CSV_COLUMNS,
              ...(include_bodies ? EXPORT_BODY_COLUMNS : []),
              ...EXPORT_CHAIN_COLUMNS,
            ]);
          }
        }
        while (chunk.length < CHUNK_CHARS) {
          const next = pages.next();
          if (next.done === true) {
            chunk += options.trailer ?? '';
            if (chunk.length > 0) this.push(chunk);
            onRows?.(rows);
            this.push(null);
            return;
          }
          chunk += next.value.text;
          rows += next.value.rows;
        }
        onRows?.(rows);
        this.push(chunk);
      } catch (error) {
        this.destroy(error as Error);
      }
    },
    destroy(error, callback) {
      pages?.return?.();
      callback(error);
    },
  });
}
