/**
 * One reader: a read-only connection to activity.db and a store over it, answering list, get and
 * summary, plus exports and chain verification (each on a connection of its own). Runs in a
 * reader worker (activityReaderWorker.ts) or, without one, on the main thread. WAL lets it read
 * while the recorder commits; each list and summary reads one snapshot.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ChainVerifyResult } from '../../../../shared/audit';
import { loadPublicKey } from '../../audit/auditKey';
import type { ChainRange, ChainRangeSummary } from '../../audit/chainRangeCheck';
import type { UncheckedChainPlan } from '../../audit/chainVerifier';
import {
  chainPlanOfFile,
  checkChainRangeOfFile,
  verifyChainFile,
  type ChainFileVerifyOptions,
} from '../../audit/verifyChainFile';
import type { SwitchboardDatabase } from '../../db';
import { ActivityQueryError } from '../activityQueryError';
import { createActivityStore } from '../activityStore';
import { exportChunks } from '../export';
import { createExportLines, type ExportLines, type ExportRequest } from '../exportLines';
import type { ActivityRead, ReadFailure } from './readerProtocol';
import { createStatementTrace } from './slowQueries';
import type { YieldToCalls } from './yieldToCalls';

/** The reads answered at once, from the reader's own connection. */
export type QueryRead = Extract<ActivityRead, { kind: 'list' | 'get' | 'summary' }>;

export interface ActivityReaderOptions {
  file: string;
  nativeBinding?: string;
  /** Gets the report of each read over the slow-read threshold. */
  onSlow: (report: string) => void;
  /** Defaults to SLOW_READ_MS. */
  slowReadMs?: number;
  /** The audit public key file (SPEC 12); verify reports bad signatures without one. */
  publicKeyFile?: string;
  /**
   * Run before each statement on every connection of this reader (a reader worker's steps aside
   * for calls in flight, yieldToCalls.ts). Absent: statements run at once.
   */
  yieldToCalls?: YieldToCalls;
  /**
   * At most this many rows per export page (the pages join to the same bytes). A reader that
   * steps aside for calls does so before each page: smaller pages are shorter stretches a call
   * may arrive into.
   */
  exportPageRows?: number;
}

export interface ActivityReader {
  /** Throws what the store throws. */
  read(request: QueryRead): unknown;
  /**
   * An export's text in chunks (export.ts's exportChunks) on a connection of its own; each
   * chunk is read only when asked for, and one that takes over the threshold is logged.
   */
  exportChunks(request: ExportRequest, pageSize: number): Generator<ExportLines, void>;
  /** Verifies the hash chain on a connection of its own, yielding between steps. */
  verify(onProgress?: (checked: number) => void): Promise<ChainVerifyResult>;
  /** A parallel verify's plan and parts (parallelVerify.ts), each on a connection of its own. */
  verifyPlan(): Promise<UncheckedChainPlan>;
  verifyRange(
    range: ChainRange,
    onProgress?: (checked: number) => void,
  ): Promise<ChainRangeSummary>;
  close(): void;
}

/** Smaller than the writer's 64 MB: each reader keeps the index pages its queries walk. */
const READER_CACHE_KIB = 16384;

export function openActivityReader(options: ActivityReaderOptions): ActivityReader {
  const newTrace = () => createStatementTrace(options.slowReadMs, options.yieldToCalls);
  const trace = newTrace();
  const sqlite = new Database(options.file, {
    readonly: true,
    fileMustExist: true,
    verbose: trace.verbose,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  trace.attach(sqlite);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${READER_CACHE_KIB}`);
  const pageCount = sqlite.prepare<[], number>('PRAGMA page_count').pluck();
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const db: SwitchboardDatabase = {
    path: options.file,
    sqlite,
    sizeBytes: () => (pageCount.get() ?? 0) * pageSize,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
  const store = createActivityStore(db);

  const publicKey =
    options.publicKeyFile !== undefined && existsSync(options.publicKeyFile)
      ? loadPublicKey(options.publicKeyFile)
      : null;
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};

  function* timedExport(request: ExportRequest, pageSize: number): Generator<ExportLines> {
    const exportTrace = newTrace();
    const chunks = exportChunks(
      createExportLines({ path: options.file, ...binding, trace: exportTrace }),
      request,
      Math.min(pageSize, options.exportPageRows ?? pageSize),
    );
    try {
      for (;;) {
        const next = exportTrace.time('export chunk', () => chunks.next(), options.onSlow);
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      chunks.return(undefined);
    }
  }

  function verifyOptions(onProgress?: (checked: number) => void): ChainFileVerifyOptions {
    const verifyTrace = newTrace();
    return {
      file: options.file,
      publicKey,
      ...binding,
      trace: {
        verbose: verifyTrace.verbose,
        attach: verifyTrace.attach,
        step: (run) => verifyTrace.time('verify step', run, options.onSlow),
      },
      ...(onProgress ? { onProgress } : {}),
    };
  }

  function run(request: QueryRead): unknown {
    switch (request.kind) {
      case 'list':
        return store.list(request.query);
      case 'get':
        return store.get(request.id);
      case 'summary':
        return store.summary(
          request.period,
          request.filter,
          request.now === undefined ? undefined : new Date(request.now),
        );
    }
  }

  return {
    read: (request) => trace.time(request.kind, () => run(request), options.onSlow),
    exportChunks: timedExport,
    verify: (onProgress) => verifyChainFile(verifyOptions(onProgress)),
    verifyPlan: () => chainPlanOfFile(verifyOptions()),
    verifyRange: (range, onProgress) => checkChainRangeOfFile(verifyOptions(onProgress), range),
    close: () => db.close(),
  };
}

export function toReadFailure(error: unknown): ReadFailure {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(error instanceof ActivityQueryError ? { parameter: error.parameter } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** The error the store threw, rebuilt on the caller's side of the thread boundary. */
export function fromReadFailure(failure: ReadFailure): Error {
  if (failure.parameter !== undefined) {
    const prefix = `${failure.parameter}: `;
    const detail = failure.message.startsWith(prefix)
      ? failure.message.slice(prefix.length)
      : failure.message;
    return new ActivityQueryError(failure.parameter, detail);
  }
  const error = new Error(failure.message) as Error & { code?: string };
  error.name = failure.name;
  if (failure.code !== undefined) error.code = failure.code;
  return error;
}
