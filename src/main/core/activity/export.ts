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
import type { ExportLineSource, ExportLines, ExportRequest } from './exportLines';
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

/** One naming rule for every door (the browser download names the file the same way). */
export { exportFileName } from '../../../shared/exportFileName';

/**
 * An export file is written under this suffix and renamed when complete, so a cancelled or failed
 * export never leaves a truncated file under the chosen name (desktop and CLI alike).
 */
export const PARTIAL_EXPORT_SUFFIX = '.partial';

const CHUNK_CHARS = 64 * 1024;

/** Rows per page by default: about 120 KB of JSON Lines a page (bodies may be 64 KB a row). */
export function exportPageSize(includeBodies: boolean): number {
  return includeBodies ? 50 : 250;
}

/**
 * The export's text in chunks of about 64K characters (the CSV header first), each with the
 * rows it holds: nothing is read before the caller asks for the next chunk. The same chunks
 * whether a reader worker or this thread reads them, so the bytes are the same.
 */
export function* exportChunks(
  source: ExportLineSource,
  request: ExportRequest,
  pageSize: number,
): Generator<ExportLines> {
  const pages = source.pages(request, pageSize);
  try {
    let text =
      request.format === 'csv'
        ? csvRow([
            ...EXPORT_CSV_COLUMNS,
            ...(request.include_bodies ? EXPORT_BODY_COLUMNS : []),
            ...EXPORT_CHAIN_COLUMNS,
          ])
        : '';
    let rows = 0;
    for (let next = pages.next(); next.done !== true; next = pages.next()) {
      text += next.value.text;
      rows += next.value.rows;
      if (text.length >= CHUNK_CHARS) {
        yield { text, rows };
        text = '';
        rows = 0;
      }
    }
    if (text.length > 0) yield { text, rows };
  } finally {
    pages.return?.();
  }
}

function isLineSource(store: ExportOptions['store']): store is ExportLineSource {
  return 'pages' in store;
}

export function createExportStream(options: ExportOptions): Readable {
  const { filter, format, include_bodies, onRows } = options;
  const source = isLineSource(options.store) ? options.store : storeExportLines(options.store);
  const pageSize = options.pageSize ?? exportPageSize(include_bodies);
  let chunks: Iterator<ExportLines> | null = null;
  let rows = 0;

  // No `encoding`: text is pushed as strings and becomes Buffers once, on its way out.
  return new Readable({
    read() {
      try {
        chunks ??= exportChunks(
          source,
          {
            filter,
            format,
            include_bodies,
            ...(options.maxSeq !== undefined ? { maxSeq: options.maxSeq } : {}),
          },
          pageSize,
        );
        const next = chunks.next();
        if (next.done === true) {
          const trailer = options.trailer ?? '';
          if (trailer.length > 0) this.push(trailer);
          onRows?.(rows);
          this.push(null);
          return;
        }
        rows += next.value.rows;
        onRows?.(rows);
        this.push(next.value.text);
      } catch (error) {
        this.destroy(error as Error);
      }
    },
    destroy(error, callback) {
      chunks?.return?.();
      callback(error);
    },
  });
}
