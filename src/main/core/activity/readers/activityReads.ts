/**
 * The activity log's reads as the service sees them: asynchronous, answered by a reader pool in
 * worker threads or, without one, by a reader on this thread.
 */
import type {
  ActivityFilter,
  ActivityPage,
  ActivityQuery,
  ActivityRecord,
  ActivitySummary,
  SummaryPeriod,
} from '../../../../shared/activity';
import type { ChainVerifyResult } from '../../../../shared/audit';
import type { ExportRequest } from '../exportLines';
import { openActivityReader, type ActivityReaderOptions } from './activityReader';

/**
 * Some consecutive export lines and how many rows they hold: UTF-8 from a reader worker (its
 * buffer moved across, not copied), the text itself from a reader on this thread.
 */
export interface ExportChunk {
  data: string | Buffer;
  rows: number;
}

export interface ActivityReads {
  list(query: ActivityQuery): Promise<ActivityPage>;
  get(id: string): Promise<ActivityRecord | null>;
  /** `now` is injectable for tests. */
  summary(period: SummaryPeriod, filter: ActivityFilter, now?: Date): Promise<ActivitySummary>;
  /**
   * An export's text in chunks of about 64K characters (export.ts's exportChunks), each read
   * only when the consumer asks for it; returning early ends the export.
   */
  exportChunks(request: ExportRequest, pageSize: number): AsyncGenerator<ExportChunk, void>;
  /** Verifies the hash chain (SPEC 12); `onProgress` hears the records checked so far. */
  verify(onProgress?: (checked: number) => void): Promise<ChainVerifyResult>;
  close(): Promise<void>;
}

/** A reader on the calling thread: each query blocks it for as long as SQLite takes. */
export function createInlineReads(options: ActivityReaderOptions): ActivityReads {
  let reader: ReturnType<typeof openActivityReader> | null = null;
  const settle = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  // Opened on first use: the core opens (and migrates) the file before any read.
  const open = () => (reader ??= openActivityReader(options));
  return {
    list: (query) => settle(() => open().read({ kind: 'list', query }) as ActivityPage),
    get: (id) => settle(() => open().read({ kind: 'get', id }) as ActivityRecord | null),
    summary: (period, filter, now) =>
      settle(
        () =>
          open().read({
            kind: 'summary',
            period,
            filter,
            ...(now === undefined ? {} : { now: now.getTime() }),
          }) as ActivitySummary,
      ),
    async *exportChunks(request, pageSize) {
      for (const { text, rows } of open().exportChunks(request, pageSize))
        yield { data: text, rows };
    },
    verify: (onProgress) => open().verify(onProgress),
    close: async () => {
      reader?.close();
      reader = null;
    },
  };
}
